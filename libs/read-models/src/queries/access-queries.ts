import { Condition, ReadStore } from '../read-store.port';
import { AccessLogEntry, COLLECTIONS } from '../views';
import { decodeCursor, Page, page } from './cursor';

export type AccessQuery = { readonly partyId: string } | { readonly actor: string };

/** Who looked at a party, or what a user looked at: newest first, keyset-paginated. */
export async function findAccess(store: ReadStore, query: AccessQuery, limit: number, cursor?: string): Promise<Page<AccessLogEntry>> {
  const where: Condition[] = ['partyId' in query ? { field: 'partyId', op: 'eq', value: query.partyId } : { field: 'actor', op: 'eq', value: query.actor }];
  const rows = await store.find<AccessLogEntry>(COLLECTIONS.accessLog, {
    where,
    orderBy: [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }],
    after: decodeCursor(cursor, 2),
    limit: limit + 1,
  });
  return page(rows, limit, (r) => [r.at, r.id]);
}
