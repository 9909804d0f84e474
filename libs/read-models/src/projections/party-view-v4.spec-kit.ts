/**
 * The party view as `party-view.v4` projected it (a record of each party's part in each interaction:
 * party, interaction, channel, department, level and time, indexed by five fields), kept for specs only:
 * `party-view.v5` must write the same party documents but for the form of their contact cells (tuples, no
 * stored totals: party-view-v5.equivalence.spec.ts compares them in one form).
 */
import { InteractionEvent, isInteractionEvent, LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { CollectionSpec, Projection, ProjectionContext } from '../projection';
import { laterContact } from '../contact-cells';
import { LastContact, LegacyContactCell } from '../views';
import { addDepartment } from './party-view.profile';
// Profiles, relationships, merges, grants and correspondence are the same in v4 and v5: v4 differs only in
// how it counts and moves contacts, so everything else goes to party-view.v5's code.
import { partyViewProjection, updateView } from './party-view.projection';
import { Place, placeAfter, PLACES } from './party-view.contacts';

const CONTACTS = 'party_view_contacts';

const contactsCollection: CollectionSpec = {
  name: CONTACTS,
  indexes: [{ name: 'contact_cell', fields: ['partyId', 'department', 'confidentiality', 'occurredAt', 'interactionId'], whileLoading: true }],
};

interface ContactRecord {
  readonly id: string;
  partyId: string;
  interactionId: string;
  channel: string;
  department: string;
  confidentiality: string;
  occurredAt: string;
  [field: string]: unknown;
}


const contactId = (partyId: string, interactionId: string) => `${partyId}:${interactionId}`;
const lastOf = (c: ContactRecord): LastContact => ({ at: c.occurredAt, channel: c.channel, interactionId: c.interactionId });
type ContactCell = LegacyContactCell;
/** A document as v4 kept it: cells as objects, totals over every cell. */
interface V4View { id: string; contactCells?: ContactCell[]; interactionCounts: Record<string, number>; lastContact: LastContact | null }
const total = (cell: ContactCell) => Object.values(cell.counts).reduce((a, b) => a + b, 0);

/** v4's sums of its cells (the order channels are first named in, the later last contact). */
function sumCells(cells: readonly ContactCell[]): Pick<V4View, 'interactionCounts' | 'lastContact'> {
  const interactionCounts: Record<string, number> = {};
  let lastContact: LastContact | null = null;
  for (const cell of cells) {
    for (const [channel, n] of Object.entries(cell.counts)) interactionCounts[channel] = (interactionCounts[channel] ?? 0) + n;
    lastContact = laterContact(lastContact, cell.last);
  }
  return { interactionCounts, lastContact: lastContact && { ...lastContact } };
}

function cellOf(view: V4View, place: Omit<Place, 'occurredAt'>): ContactCell {
  view.contactCells ??= [];
  let cell = view.contactCells.find((c) => c.department === place.department && c.confidentiality === place.confidentiality);
  if (!cell) {
    cell = { department: place.department, confidentiality: place.confidentiality, counts: {}, last: null };
    view.contactCells.push(cell);
  }
  return cell;
}

function add(cell: ContactCell, channel: string, n: 1 | -1): void {
  const count = (cell.counts[channel] ?? 0) + n;
  if (count > 0) cell.counts[channel] = count;
  else delete cell.counts[channel];
}

function settle(view: V4View): void {
  const cells = (view.contactCells ?? []).filter((c) => total(c) > 0);
  cells.sort((a, b) => (a.department !== b.department ? (a.department < b.department ? -1 : 1) : a.confidentiality < b.confidentiality ? -1 : a.confidentiality > b.confidentiality ? 1 : 0));
  view.contactCells = cells;
  Object.assign(view, sumCells(cells));
}

function countContact(ctx: ProjectionContext, view: V4View, event: Extract<InteractionEvent, { type: 'InteractionRecorded' }>): void {
  const d = event.data;
  const contact: ContactRecord = {
    id: contactId(view.id, d.interactionId), partyId: view.id, interactionId: d.interactionId, channel: d.channel,
    department: d.department, confidentiality: d.confidentiality, occurredAt: d.occurredAt,
  };
  ctx.put(CONTACTS, contact);
  const cell = cellOf(view, contact);
  add(cell, contact.channel, 1);
  cell.last = laterContact(cell.last, lastOf(contact));
  settle(view);
}

async function movedContact(ctx: ProjectionContext, partyId: string, event: InteractionEvent): Promise<{ contact: ContactRecord; to: Place } | null> {
  if (event.type !== 'InteractionAmended' && event.type !== 'InteractionConfidentialitySet') return null;
  const contact = await ctx.get<ContactRecord>(CONTACTS, contactId(partyId, event.data.interactionId));
  if (!contact) return null;
  const to = placeAfter({ department: contact.department, confidentiality: contact.confidentiality, occurredAt: contact.occurredAt }, event);
  return to ? { contact, to } : null;
}

async function latestIn(ctx: ProjectionContext, partyId: string, cell: ContactCell): Promise<LastContact | null> {
  const latest = await ctx.first<ContactRecord>(CONTACTS, [
    { field: 'partyId', op: 'eq', value: partyId }, { field: 'department', op: 'eq', value: cell.department },
    { field: 'confidentiality', op: 'eq', value: cell.confidentiality },
  ], [{ field: 'occurredAt', direction: 'desc' }, { field: 'interactionId', direction: 'desc' }]);
  return latest && lastOf(latest);
}

async function moveContact(ctx: ProjectionContext, view: V4View, contact: ContactRecord, to: Place): Promise<void> {
  const from = cellOf(view, contact);
  add(from, contact.channel, -1);
  Object.assign(contact, to);
  ctx.put(CONTACTS, contact);
  const into = cellOf(view, contact);
  add(into, contact.channel, 1);
  if (from.last?.interactionId === contact.interactionId) from.last = await latestIn(ctx, view.id, from);
  into.last = laterContact(into.last, lastOf(contact));
  settle(view);
}

async function projectInteraction(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionRecorded') {
    for (const partyId of event.data.partyIds) {
      await updateView(ctx, partyId, env, (view) => {
        addDepartment(view, event.data.department);
        countContact(ctx, view as unknown as V4View, event);
      });
    }
    return;
  }
  for (const partyId of event.data.partyIds) {
    const moved = await movedContact(ctx, partyId, event);
    if (moved) await updateView(ctx, partyId, env, (view) => moveContact(ctx, view as unknown as V4View, moved.contact, moved.to));
  }
}

export const partyViewV4Reference: Projection = {
  name: 'party-view.v4',
  collections: [...partyViewProjection.collections.filter((c) => c.name !== PLACES), contactsCollection],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isInteractionEvent(event)) return projectInteraction(event, env, ctx);
    return partyViewProjection.project(event, env, ctx);
  },
};
