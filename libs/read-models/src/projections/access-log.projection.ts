import { AccessLedgerEntry, isListing, LedgerEvent, PARTY_RECORDS_ACCESSED, PartyRecordsAccessed } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { AccessLogEntry, COLLECTIONS } from '../views';

/** Entries recorded before listings had their own kind: a search wrote one look per party it showed. */
const LEGACY_LISTING_ENDPOINTS = ['search'];

const place = (i: number) => String(i).padStart(4, '0');

/** The documents of one ledger entry: one per look, or one per party a listing showed (each naming the listing). */
function documents(entry: AccessLedgerEntry, id: string, position: number): AccessLogEntry[] {
  const common = { actor: entry.actor, role: entry.role, endpoint: entry.endpoint, at: entry.at, position, ...(entry.purpose ? { purpose: entry.purpose } : {}) };
  if (!isListing(entry)) {
    return [{ id, partyId: entry.partyId, access: LEGACY_LISTING_ENDPOINTS.includes(entry.endpoint) ? 'listed' : 'viewed', ...common }];
  }
  return entry.partyIds.map((partyId, j) => ({ id: `${id}:${place(j)}`, partyId, access: 'listed', listing: { id, parties: entry.partyIds.length }, ...common }));
}

/**
 * "Who looked at this party" and "what did this user look at", newest first: one document per look
 * (`access: viewed`), and one per party a listing showed (`access: listed`), so a party's page tells
 * the records opened apart from the searches it merely appeared in.
 */
export const accessLogProjection: Projection = {
  name: 'access-log.v2',
  collections: [{
    name: COLLECTIONS.accessLog,
    indexes: [
      { name: 'party_at', fields: ['partyId', 'at', 'id'] }, { name: 'actor_at', fields: ['actor', 'at', 'id'] },
      { name: 'party_access_at', fields: ['partyId', 'access', 'at', 'id'] }, { name: 'actor_access_at', fields: ['actor', 'access', 'at', 'id'] },
    ],
  }],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if ((event.type as string) !== PARTY_RECORDS_ACCESSED) return;
    (env.data as unknown as PartyRecordsAccessed['data']).accesses.forEach((entry, i) => {
      for (const doc of documents(entry, `${env.id}:${place(i)}`, env.position)) ctx.put(COLLECTIONS.accessLog, doc);
    });
  },
};
