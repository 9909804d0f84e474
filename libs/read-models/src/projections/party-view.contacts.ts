import { InteractionEvent } from '@civic-ledger/domain';
import { CollectionSpec, ProjectionContext } from '../projection';
import { cellLast, cellsOf, channelPlace, laterContact } from '../contact-cells';
import { ContactCell, LastContact, PartyView } from '../views';

/**
 * The party view's contact summary per department × confidentiality level (`contactCells`), so that a
 * reader's view sums the few cells its scope allows instead of scanning the party's history. The view
 * keeps its own record of each party's part in each interaction (which cell it counts in, and when), to
 * move it between cells when the interaction is amended into another department or reclassified.
 */
export const CONTACTS = 'party_view_contacts';

export const contactsCollection: CollectionSpec = {
  name: CONTACTS,
  indexes: [{ name: 'contact_cell', fields: ['partyId', 'department', 'confidentiality', 'occurredAt', 'interactionId'], whileLoading: true }],
};

/** One party's part in one interaction: the cell it counts in and its business time. */
export interface ContactRecord {
  readonly id: string;
  partyId: string;
  interactionId: string;
  channel: string;
  department: string;
  confidentiality: string;
  occurredAt: string;
  [field: string]: unknown;
}

type Place = Pick<ContactRecord, 'department' | 'confidentiality' | 'occurredAt'>;

const contactId = (partyId: string, interactionId: string) => `${partyId}:${interactionId}`;
const lastOf = (c: ContactRecord): LastContact => ({ at: c.occurredAt, channel: c.channel, interactionId: c.interactionId });
const total = (cell: ContactCell) => cell[2].reduce((a, b) => a + b, 0);

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

/** Empty cells go, the rest in a fixed order; totals over every cell are not stored (a `party-view.v4` document's go). */
function settle(view: PartyView): void {
  const cells = cellsOf(view).filter((c) => total(c) > 0);
  cells.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  view.contactCells = cells;
  if ('interactionCounts' in view) delete view.interactionCounts;
  if ('lastContact' in view) delete view.lastContact;
}

/** A `party-view.v4` document in the v5 form (cells as tuples, no totals), as any rewrite of it stores it. */
export function upgradeContacts(view: PartyView): void {
  if ('interactionCounts' in view || 'lastContact' in view || (view.contactCells ?? []).some((c) => !Array.isArray(c))) settle(view);
}

/** A newly recorded contact of the party: one more in its cell. */
export function countContact(ctx: ProjectionContext, view: PartyView, event: Extract<InteractionEvent, { type: 'InteractionRecorded' }>): void {
  const d = event.data;
  const contact: ContactRecord = {
    id: contactId(view.id, d.interactionId), partyId: view.id, interactionId: d.interactionId, channel: d.channel,
    department: d.department, confidentiality: d.confidentiality, occurredAt: d.occurredAt,
  };
  ctx.put(CONTACTS, contact);
  const cell = cellOf(view, contact);
  add(cell, contact.channel, 1);
  setLast(cell, laterContact(cellLast(cell), lastOf(contact)));
  settle(view);
}

/** Where the contact counts after an amendment or a change of confidentiality; null when nothing it counts by changed. */
export async function movedContact(ctx: ProjectionContext, partyId: string, event: InteractionEvent): Promise<{ contact: ContactRecord; to: Place } | null> {
  if (event.type !== 'InteractionAmended' && event.type !== 'InteractionConfidentialitySet') return null;
  const contact = await ctx.get<ContactRecord>(CONTACTS, contactId(partyId, event.data.interactionId));
  if (!contact) return null;
  const to: Place = { department: contact.department, confidentiality: contact.confidentiality, occurredAt: contact.occurredAt };
  if (event.type === 'InteractionAmended') {
    if (event.data.changes.department !== undefined) to.department = event.data.changes.department;
    if (event.data.changes.occurredAt !== undefined) to.occurredAt = event.data.changes.occurredAt;
  } else {
    to.confidentiality = event.data.level;
  }
  const same = to.department === contact.department && to.confidentiality === contact.confidentiality && to.occurredAt === contact.occurredAt;
  return same ? null : { contact, to };
}

/** The latest contact left in a cell, from the view's own records: one indexed read, only when the cell's last contact left it. */
async function latestIn(ctx: ProjectionContext, partyId: string, cell: ContactCell): Promise<LastContact | null> {
  const latest = await ctx.first<ContactRecord>(CONTACTS, [
    { field: 'partyId', op: 'eq', value: partyId }, { field: 'department', op: 'eq', value: cell[0] },
    { field: 'confidentiality', op: 'eq', value: cell[1] },
  ], [{ field: 'occurredAt', direction: 'desc' }, { field: 'interactionId', direction: 'desc' }]);
  return latest && lastOf(latest);
}

/** Moves the contact from the cell it counted in to the cell it counts in now, keeping both cells' last contact right. */
export async function moveContact(ctx: ProjectionContext, view: PartyView, contact: ContactRecord, to: Place): Promise<void> {
  const from = cellOf(view, contact);
  add(from, contact.channel, -1);
  Object.assign(contact, to);
  ctx.put(CONTACTS, contact);
  const into = cellOf(view, contact);
  add(into, contact.channel, 1);
  if (from[5] === contact.interactionId) setLast(from, await latestIn(ctx, view.id, from));
  setLast(into, laterContact(cellLast(into), lastOf(contact)));
  settle(view);
}
