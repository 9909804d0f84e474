import { ReadStore } from '../read-store.port';
import { COLLECTIONS, DuplicateKeyView } from '../views';

/** Keys held by two parties or more, in id order after `afterId` (the `shared_id` index; never a scan of every party). */
export function findSharedKeys(store: ReadStore, limit: number, afterId?: string): Promise<DuplicateKeyView[]> {
  return store.find<DuplicateKeyView>(COLLECTIONS.partyDuplicates, {
    where: [{ field: 'shared', op: 'eq', value: true }], orderBy: [{ field: 'id', direction: 'asc' }], after: afterId === undefined ? undefined : [afterId], limit,
  });
}
