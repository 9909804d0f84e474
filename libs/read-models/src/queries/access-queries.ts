import { Condition, ReadStore } from '../read-store.port';
import { AccessLogEntry, COLLECTIONS } from '../views';
import { findPage, Page } from './cursor';

export type AccessQuery = { readonly partyId: string } | { readonly actor: string };

/** Who looked at a party, or what a user looked at (only views or only listings, when asked): newest first, keyset-paginated. */
export async function findAccess(store: ReadStore, query: AccessQuery, limit: number, cursor?: string, access?: AccessLogEntry['access']): Promise<Page<AccessLogEntry>> {
  const where: Condition[] = ['partyId' in query ? { field: 'partyId', op: 'eq', value: query.partyId } : { field: 'actor', op: 'eq', value: query.actor }];
  if (access) where.push({ field: 'access', op: 'eq', value: access });
  return findPage<AccessLogEntry>(store, COLLECTIONS.accessLog, where, [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }], limit, cursor);
}
