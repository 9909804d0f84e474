import { InteractionEvent } from '@civic-ledger/domain';
import { CollectionSpec, ProjectionContext } from '../projection';
import { cellLast, cellsOf, channelPlace, laterContact } from '../contact-cells';
import { ContactCell, LastContact, PartyView } from '../views';

/**
 * The party view's contact summary per department × confidentiality level (`contactCells`), so that a
 * reader's view sums the few cells its scope allows instead of scanning the party's history. The view
 * keeps its own record of where each party's part in each interaction counts (its cell, its business time
 * and its channel: what an amendment or a change of confidentiality does not carry), to move it between
 * cells and to find a cell's latest remaining contact when the last one leaves it (`party-view.v5`: about
 * 200 bytes and one index of three fields, where `party-view.v4` kept 300 bytes indexed by five).
 */
export const PLACES = 'party_view_places';

export const placesCollection: CollectionSpec = {
  name: PLACES,
  indexes: [{ name: 'cell_at', fields: ['cell', 'at', 'id'], whileLoading: true }],
};

/** Where one party's part in one interaction counts (`id`: party and interaction), and on which channel. */
export interface ContactPlace {
  readonly id: string;
  /** The party's cell, `cellKey(partyId, department, confidentiality)`. */
  cell: string;
  /** Business time (the interaction's `occurredAt`). */
  at: string;
  channel: string;
  [field: string]: unknown;
}

/** A cell of the view: where a contact counts, and since when. */
export interface Place {
  department: string;
  confidentiality: string;
  occurredAt: string;
}

const placeId = (partyId: string, interactionId: string) => `${partyId}:${interactionId}`;
/** One string per party × department × level, whatever text they hold (a JSON list: no separator to collide with). */
const cellKey = (partyId: string, department: string, confidentiality: string) => JSON.stringify([partyId, department, confidentiality]);
const interactionOf = (partyId: string, place: ContactPlace) => place.id.slice(partyId.length + 1);
const lastOf = (partyId: string, place: ContactPlace): LastContact => ({ at: place.at, channel: place.channel, interactionId: interactionOf(partyId, place) });

function placeOf(place: ContactPlace): Place {
  const [, department, confidentiality] = JSON.parse(place.cell) as [string, string, string];
  return { department, confidentiality, occurredAt: place.at };
}

function total(cell: ContactCell): number {
  let sum = 0;
  for (const n of cell[2]) sum += n;
  return sum;
}

/** The view's cell of a department and level (made, empty, when it has none); its cells as tuples from here on. */
function cellOf(view: PartyView, place: Omit<Place, 'occurredAt'>): ContactCell {
  const cells = cellsOf(view);
  view.contactCells = cells;
  let cell = cells.find((c) => c[0] === place.department && c[1] === place.confidentiality);
  if (!cell) {
    cell = [place.department, place.confidentiality, [], null, null, null];
    cells.push(cell);
  }
  return cell;
}

function add(cell: ContactCell, channel: string, n: 1 | -1): void {
  const counts = cell[2];
  const place = channelPlace(channel);
  // Only an event that bypassed the domain's checks names such a channel: it is quarantined, as any event a projection cannot apply.
  if (place === undefined) throw new Error(`The party view's contact cells do not count the channel "${channel}" (add it at the end of CELL_CHANNELS in contact-cells.ts once the domain accepts it).`);
  while (counts.length <= place) counts.push(0);
  counts[place] = Math.max(0, counts[place] + n);
  // No trailing zeros: a cell's counts end at its last channel with contacts.
  while (counts.length > 0 && counts[counts.length - 1] === 0) counts.pop();
}

function setLast(cell: ContactCell, last: LastContact | null): void {
  cell[3] = last?.at ?? null;
  cell[4] = last?.channel ?? null;
  cell[5] = last?.interactionId ?? null;
}

/**
 * Empty cells go, the rest in a fixed order; totals over every cell are not stored (a `party-view.v4`
 * document's go: a contact or a move stores a document in the v5 form).
 */
function settle(view: PartyView): void {
  const cells = cellsOf(view).filter((c) => total(c) > 0);
  cells.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  view.contactCells = cells;
  if ('interactionCounts' in view) delete view.interactionCounts;
  if ('lastContact' in view) delete view.lastContact;
}

/** A newly recorded contact of the party: one more in its cell. */
export function countContact(ctx: ProjectionContext, view: PartyView, event: Extract<InteractionEvent, { type: 'InteractionRecorded' }>): void {
  const d = event.data;
  const place: ContactPlace = { id: placeId(view.id, d.interactionId), cell: cellKey(view.id, d.department, d.confidentiality), at: d.occurredAt, channel: d.channel };
  ctx.put(PLACES, place);
  const cell = cellOf(view, d);
  const known = cell[2].length > 0;
  add(cell, d.channel, 1);
  setLast(cell, laterContact(cellLast(cell), lastOf(view.id, place)));
  // A cell that counted already keeps its place among the others; a new one is put in order.
  if (!known || 'interactionCounts' in view) settle(view);
}

/** Where the contact counts after an amendment or a change of confidentiality; null when nothing it counts by changed. */
export async function movedContact(ctx: ProjectionContext, partyId: string, event: InteractionEvent): Promise<{ place: ContactPlace; from: Place; to: Place } | null> {
  if (event.type !== 'InteractionAmended' && event.type !== 'InteractionConfidentialitySet') return null;
  const place = await ctx.get<ContactPlace>(PLACES, placeId(partyId, event.data.interactionId));
  if (!place) return null;
  const from = placeOf(place);
  const to = placeAfter(from, event);
  return to ? { place, from, to } : null;
}

/** Where a contact that counted at `from` counts after an amendment or a change of confidentiality; null when nothing it counts by changed. */
export function placeAfter(from: Place, event: Extract<InteractionEvent, { type: 'InteractionAmended' | 'InteractionConfidentialitySet' }>): Place | null {
  const to: Place = { ...from };
  if (event.type === 'InteractionAmended') {
    if (event.data.changes.department !== undefined) to.department = event.data.changes.department;
    if (event.data.changes.occurredAt !== undefined) to.occurredAt = event.data.changes.occurredAt;
  } else {
    to.confidentiality = event.data.level;
  }
  const same = to.department === from.department && to.confidentiality === from.confidentiality && to.occurredAt === from.occurredAt;
  return same ? null : to;
}

/** The latest contact left in a cell, from the view's own records: one indexed read, only when the cell's last contact left it. */
async function latestIn(ctx: ProjectionContext, partyId: string, cell: ContactCell): Promise<LastContact | null> {
  const latest = await ctx.first<ContactPlace>(PLACES, [{ field: 'cell', op: 'eq', value: cellKey(partyId, cell[0], cell[1]) }],
    // Within a cell every id starts with the same party: by id is by interaction id.
    [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }]);
  return latest && lastOf(partyId, latest);
}

/** Moves the contact from the cell it counted in to the cell it counts in now, keeping both cells' last contact right. */
export async function moveContact(ctx: ProjectionContext, view: PartyView, moved: { place: ContactPlace; from: Place; to: Place }): Promise<void> {
  const { place, from, to } = moved;
  const out = cellOf(view, from);
  add(out, place.channel, -1);
  place.cell = cellKey(view.id, to.department, to.confidentiality);
  place.at = to.occurredAt;
  ctx.put(PLACES, place);
  const into = cellOf(view, to);
  add(into, place.channel, 1);
  const last = lastOf(view.id, place);
  if (out[5] === last.interactionId) setLast(out, await latestIn(ctx, view.id, out));
  setLast(into, laterContact(cellLast(into), last));
  settle(view);
}
