import { InteractionEvent } from '@civic-ledger/domain';
import { CollectionSpec, ProjectionContext } from '../projection';
import { laterContact, sumContactCells } from '../contact-cells';
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
interface Place {
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

/** The view's cell for a place, made (empty, at the end) when it has none; `existed` tells which. */
function cellOf(view: PartyView, place: Omit<Place, 'occurredAt'>): { cell: ContactCell; existed: boolean } {
  view.contactCells ??= [];
  const found = view.contactCells.find((c) => c.department === place.department && c.confidentiality === place.confidentiality);
  if (found) return { cell: found, existed: true };
  const cell: ContactCell = { department: place.department, confidentiality: place.confidentiality, counts: {}, last: null };
  view.contactCells.push(cell);
  return { cell, existed: false };
}

function add(cell: ContactCell, channel: string, n: 1 | -1): void {
  const count = (cell.counts[channel] ?? 0) + n;
  if (count > 0) cell.counts[channel] = count;
  else delete cell.counts[channel];
}

function total(cell: ContactCell): number {
  let sum = 0;
  for (const channel in cell.counts) sum += cell.counts[channel];
  return sum;
}

/** Empty cells go, the rest in a fixed order; the stored totals are the sum of every cell. */
function settle(view: PartyView): void {
  const cells = (view.contactCells ?? []).filter((c) => total(c) > 0);
  cells.sort((a, b) => (a.department !== b.department ? (a.department < b.department ? -1 : 1) : a.confidentiality < b.confidentiality ? -1 : a.confidentiality > b.confidentiality ? 1 : 0));
  view.contactCells = cells;
  Object.assign(view, sumContactCells(cells));
}

/** A newly recorded contact of the party: one more in its cell. */
export function countContact(ctx: ProjectionContext, view: PartyView, event: Extract<InteractionEvent, { type: 'InteractionRecorded' }>): void {
  const d = event.data;
  const place: ContactPlace = { id: placeId(view.id, d.interactionId), cell: cellKey(view.id, d.department, d.confidentiality), at: d.occurredAt, channel: d.channel };
  ctx.put(PLACES, place);
  const { cell, existed } = cellOf(view, d);
  const counted = existed && (cell.counts[d.channel] ?? 0) > 0 && view.interactionCounts[d.channel] !== undefined;
  add(cell, d.channel, 1);
  const last = lastOf(view.id, place);
  cell.last = laterContact(cell.last, last);
  if (!counted) {
    settle(view);
    return;
  }
  // The cell and the channel were counted already: the cells keep their order, and the sums (whose
  // channels are in the order the cells first name them) change by this one contact, as settle would make them.
  view.interactionCounts[d.channel] += 1;
  if (laterContact(view.lastContact, last) === last) view.lastContact = { ...last };
}

/** Where the contact counts after an amendment or a change of confidentiality; null when nothing it counts by changed. */
export async function movedContact(ctx: ProjectionContext, partyId: string, event: InteractionEvent): Promise<{ place: ContactPlace; from: Place; to: Place } | null> {
  if (event.type !== 'InteractionAmended' && event.type !== 'InteractionConfidentialitySet') return null;
  const place = await ctx.get<ContactPlace>(PLACES, placeId(partyId, event.data.interactionId));
  if (!place) return null;
  const from = placeOf(place);
  const to: Place = { ...from };
  if (event.type === 'InteractionAmended') {
    if (event.data.changes.department !== undefined) to.department = event.data.changes.department;
    if (event.data.changes.occurredAt !== undefined) to.occurredAt = event.data.changes.occurredAt;
  } else {
    to.confidentiality = event.data.level;
  }
  const same = to.department === from.department && to.confidentiality === from.confidentiality && to.occurredAt === from.occurredAt;
  return same ? null : { place, from, to };
}

/** The latest contact left in a cell, from the view's own records: one indexed read, only when the cell's last contact left it. */
async function latestIn(ctx: ProjectionContext, partyId: string, cell: ContactCell): Promise<LastContact | null> {
  const latest = await ctx.first<ContactPlace>(PLACES, [{ field: 'cell', op: 'eq', value: cellKey(partyId, cell.department, cell.confidentiality) }],
    // Within a cell every id starts with the same party: by id is by interaction id.
    [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }]);
  return latest && lastOf(partyId, latest);
}

/** Moves the contact from the cell it counted in to the cell it counts in now, keeping both cells' last contact right. */
export async function moveContact(ctx: ProjectionContext, view: PartyView, moved: { place: ContactPlace; from: Place; to: Place }): Promise<void> {
  const { place, from, to } = moved;
  const out = cellOf(view, from).cell;
  add(out, place.channel, -1);
  place.cell = cellKey(view.id, to.department, to.confidentiality);
  place.at = to.occurredAt;
  ctx.put(PLACES, place);
  const into = cellOf(view, to).cell;
  add(into, place.channel, 1);
  const last = lastOf(view.id, place);
  if (out.last?.interactionId === last.interactionId) out.last = await latestIn(ctx, view.id, out);
  into.last = laterContact(into.last, last);
  settle(view);
}
