import { LedgerEvent, PARTY_RECORDS_ACCESSED, PartyRecordsAccessed } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { AccessLogEntry, COLLECTIONS } from '../views';

/** "Who looked at this party" and "what did this user look at", newest first: one document per look. */
export const accessLogProjection: Projection = {
  name: 'access-log.v1',
  collections: [{
    name: COLLECTIONS.accessLog,
    indexes: [{ name: 'party_at', fields: ['partyId', 'at', 'id'] }, { name: 'actor_at', fields: ['actor', 'at', 'id'] }],
  }],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if ((event.type as string) !== PARTY_RECORDS_ACCESSED) return;
    (env.data as unknown as PartyRecordsAccessed['data']).accesses.forEach((a, i) => {
      const entry: AccessLogEntry = {
        id: `${env.id}:${String(i).padStart(4, '0')}`, partyId: a.partyId, actor: a.actor, role: a.role, endpoint: a.endpoint, at: a.at, position: env.position,
        ...(a.purpose ? { purpose: a.purpose } : {}),
      };
      ctx.put(COLLECTIONS.accessLog, entry);
    });
  },
};
