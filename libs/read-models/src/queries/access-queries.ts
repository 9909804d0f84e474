import { Condition, ReadStore } from '../read-store.port';
import { AccessLogEntry, COLLECTIONS } from '../views';
import { findPage, Page } from './cursor';

export type AccessQuery = { readonly partyId: string } | { readonly actor: string };

/** Who looked at a party, or what a user looked at: newest first, keyset-paginated. */
export async function findAccess(store: ReadStore, query: AccessQuery, limit: number, cursor?: string): Promise<Page<AccessLogEntry>> {
  const where: Condition[] = ['partyId' in query ? { field: 'partyId', op: 'eq', value: query.partyId } : { field: 'actor', op: 'eq', value: query.actor }];
  return findPage<AccessLogEntry>(store, COLLECTIONS.accessLog, where, [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }], limit, cursor);
}
