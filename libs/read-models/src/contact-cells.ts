import { COLLECTIONS, ContactCell, LastContact, LegacyContactCell, PartyView } from './views';
import { ReadStore } from './read-store.port';

/**
 * The channel of each place in a contact cell's counts (`party-view.v5`). The order is part of the stored
 * documents, so this list is its own, not the domain's: a new channel of the domain is added here at the
 * end (older cells then count 0 for it); moving or removing one needs a new projection version.
 * `contact-cells.spec.ts` pins the list and checks that it counts every channel the domain accepts.
 */
export const CELL_CHANNELS: readonly string[] = Object.freeze(['phone', 'email', 'counter', 'web-form', 'letter', 'sms', 'chat', 'social', 'field-visit']);

const CHANNEL_PLACE = new Map(CELL_CHANNELS.map((channel, i) => [channel, i]));

/** Where a channel counts in a cell, or undefined for one the cells do not count (none the domain accepts). */
export function channelPlace(channel: string): number | undefined {
  return CHANNEL_PLACE.get(channel);
}

/** What a party view shows of its contacts: interactions per channel and the last contact. */
export interface ContactSummary {
  interactionCounts: Record<string, number>;
  lastContact: LastContact | null;
}

/** True when contact (at, interactionId) is strictly later than (bt, bid): by business time, then by interaction id. */
function isLater(at: string, interactionId: string, bt: string, bid: string): boolean {
  return at !== bt ? at > bt : interactionId > bid;
}

/** The later of two contacts by business time; on equal times the greater interaction id (deterministic; a wins a tie). */
export function laterContact(a: LastContact | null, b: LastContact | null): LastContact | null {
  if (!a || !b) return a ?? b;
  return isLater(b.at, b.interactionId, a.at, a.interactionId) ? b : a;
}

/** A cell's last contact, or null. */
export function cellLast(cell: ContactCell): LastContact | null {
  return cell[3] === null ? null : { at: cell[3], channel: cell[4] as string, interactionId: cell[5] as string };
}

/** True when cell a's last contact is later than b's (laterContact's order, without making contact objects). */
function laterCell(a: ContactCell, b: ContactCell): boolean {
  return isLater(a[3] as string, a[5] as string, b[3] as string, b[5] as string);
}

/**
 * A cell as a tuple from its named parts (a `party-view.v4` cell is one): the same counts and last contact.
 * A count of a channel the cells do not count is left out (none the domain accepts; a read must not fail on it).
 */
export function toCell(cell: LegacyContactCell): ContactCell {
  const counts: number[] = [];
  for (const [channel, n] of Object.entries(cell.counts)) {
    const place = channelPlace(channel);
    if (place === undefined || !(n > 0)) continue;
    while (counts.length <= place) counts.push(0);
    counts[place] = n;
  }
  const last = cell.last;
  return [cell.department, cell.confidentiality, counts, last?.at ?? null, last?.channel ?? null, last?.interactionId ?? null];
}

/** The cells of a party document as tuples, whichever version wrote them (v4 objects are converted). */
export function cellsOf(party: Pick<PartyView, 'contactCells'>): ContactCell[] {
  const cells = party.contactCells ?? [];
  let legacy = false;
  for (const cell of cells) if (!Array.isArray(cell)) legacy = true;
  return legacy ? cells.map((c) => (Array.isArray(c) ? c : toCell(c))) : (cells as ContactCell[]);
}

/** Sums cells into counts per channel and the last contact: a handful of cells, whatever the history. */
export function sumContactCells(cells: readonly ContactCell[]): ContactSummary {
  const sums: number[] = [];
  let last: ContactCell | null = null;
  for (const cell of cells) {
    const counts = cell[2];
    for (let i = 0; i < counts.length; i++) sums[i] = (sums[i] ?? 0) + counts[i];
    if (cell[3] !== null && (last === null || laterCell(cell, last))) last = cell;
  }
  const interactionCounts: Record<string, number> = {};
  for (let i = 0; i < sums.length && i < CELL_CHANNELS.length; i++) if (sums[i] > 0) interactionCounts[CELL_CHANNELS[i]] = sums[i];
  return { interactionCounts, lastContact: last && cellLast(last) };
}

/**
 * The contact cells of a party and of the parties merged into it: the party document plus one read of
 * the merged ones (none when nothing was merged), independent of how many contacts they had.
 */
export async function contactCells(store: ReadStore, party: PartyView): Promise<ContactCell[]> {
  if (party.mergedFrom.length === 0) return cellsOf(party);
  const merged = await store.getMany<PartyView>(COLLECTIONS.parties, party.mergedFrom);
  return [party, ...merged].flatMap(cellsOf);
}
