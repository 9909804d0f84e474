import { Condition, ReadStore } from '../read-store.port';
import { nameTokens } from '../search/normalise';
import { COLLECTIONS, CorrespondenceView, PartyView, TimelineEntry } from '../views';
import { findJsonPage, findPage, JsonPage, Page } from './cursor';

export * from './cursor';

export interface TimelineFilter {
  channel?: string;
  topic?: string;
  department?: string;
  /** Inclusive bounds on occurredAt. */
  from?: string;
  to?: string;
  /** Confidentiality levels the reader may see; all when absent. */
  confidentiality?: readonly string[];
  /** Departments the reader may see (entries of other departments are left out); all when absent. */
  departments?: readonly string[];
  /** Kinds of entries the reader may see (e.g. no correspondence for roles that do not read it); all when absent. */
  kinds?: readonly TimelineEntry['kind'][];
}

export async function findTimeline(
  store: ReadStore, partyIds: readonly string[], filter: TimelineFilter, limit: number, cursor?: string,
): Promise<JsonPage<TimelineEntry>> {
  const where: Condition[] = [partyIds.length === 1 ? { field: 'partyId', op: 'eq', value: partyIds[0] } : { field: 'partyId', op: 'in', value: partyIds }];
  if (filter.channel) where.push({ field: 'channel', op: 'eq', value: filter.channel });
  if (filter.department) where.push({ field: 'department', op: 'eq', value: filter.department });
  if (filter.topic) where.push({ field: 'topics', op: 'has', value: filter.topic });
  if (filter.from) where.push({ field: 'occurredAt', op: 'gte', value: filter.from });
  if (filter.to) where.push({ field: 'occurredAt', op: 'lte', value: filter.to });
  if (filter.confidentiality) where.push({ field: 'confidentiality', op: 'in', value: filter.confidentiality });
  if (filter.departments) where.push({ field: 'audience', op: 'in', value: [...filter.departments, '*'] });
  if (filter.kinds) where.push({ field: 'kind', op: 'in', value: filter.kinds });
  return findJsonPage<TimelineEntry>(store, COLLECTIONS.timeline, where, [{ field: 'occurredAt', direction: 'desc' }, { field: 'id', direction: 'desc' }], limit, cursor);
}

export interface PartySearch {
  q?: string;
  email?: string;
  phone?: string;
  identifier?: string;
  limit: number;
}

const MAX_CANDIDATES = 2000;

async function lookup(store: ReadStore, kind: string, value: string, prefix: boolean): Promise<Set<string>> {
  const rows = await store.find<{ id: string; partyId: string }>(COLLECTIONS.partyLookup, {
    where: [{ field: 'kind', op: 'eq', value: kind }, { field: 'value', op: prefix ? 'prefix' : 'eq', value }],
    limit: MAX_CANDIDATES,
  });
  return new Set(rows.map((r) => r.partyId));
}

function intersect(sets: Set<string>[]): string[] {
  if (sets.length === 0) return [];
  const [first, ...rest] = sets;
  return [...first].filter((id) => rest.every((s) => s.has(id)));
}

/** Every given criterion must match; name tokens match as prefixes, accent- and case-insensitively. */
export async function searchParties(store: ReadStore, criteria: PartySearch): Promise<PartyView[]> {
  const sets: Set<string>[] = [];
  for (const token of nameTokens(criteria.q ?? '')) sets.push(await lookup(store, 'name', token, true));
  if (criteria.email) sets.push(await lookup(store, 'email', criteria.email, false));
  if (criteria.phone) sets.push(await lookup(store, 'phone', criteria.phone, false));
  if (criteria.identifier) sets.push(await lookup(store, 'identifier', criteria.identifier, false));
  const ids = intersect(sets);
  const parties = await store.getMany<PartyView>(COLLECTIONS.parties, ids);
  return parties
    .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, criteria.limit);
}

export interface CorrespondenceFilter {
  status?: string;
  dueBefore?: string;
  /** Departments the reader may see; all when absent. */
  departments?: readonly string[];
  limit: number;
  cursor?: string;
}

export async function listCorrespondence(store: ReadStore, filter: CorrespondenceFilter): Promise<Page<CorrespondenceView>> {
  const where: Condition[] = [];
  if (filter.status) where.push({ field: 'status', op: 'eq', value: filter.status });
  if (filter.dueBefore) where.push({ field: 'dueAt', op: 'lt', value: filter.dueBefore });
  if (filter.departments) where.push({ field: 'department', op: 'in', value: filter.departments });
  return findPage<CorrespondenceView>(
    store, COLLECTIONS.correspondence, where, [{ field: 'dueAt', direction: 'asc' }, { field: 'id', direction: 'asc' }], filter.limit, filter.cursor,
  );
}
