import type { Document, Filter, Sort } from 'mongodb';
import { Condition, FindQuery } from '../read-store.port';

const SAFE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function field(name: string): string {
  if (!SAFE.test(name)) throw new Error(`Invalid field name: ${name}`);
  return name === 'id' ? '_id' : name;
}

function condition(c: Condition): Document {
  const f = field(c.field);
  switch (c.op) {
    case 'eq': return { [f]: c.value };
    case 'gt': return { [f]: { $gt: c.value } };
    case 'gte': return { [f]: { $gte: c.value } };
    case 'lt': return { [f]: { $lt: c.value } };
    case 'lte': return { [f]: { $lte: c.value } };
    case 'in': return { [f]: { $in: [...c.value] } };
    // A range on the indexed string: MongoDB serves it from the index (unlike an unanchored regex).
    case 'prefix': return { [f]: { $gte: c.value, $lt: `${c.value}\uffff` } };
    // Equality on an array field matches any element (multikey index).
    case 'has': return { [f]: c.value };
  }
}

/** Keyset continuation: strictly after `after` in the sort order, as an $or of prefix-equal clauses. */
function keyset(query: FindQuery): Document | null {
  const keys = query.orderBy ?? [];
  const after = query.after;
  if (!after || after.length === 0) return null;
  if (after.length !== keys.length) throw new Error('Cursor does not match the sort keys.');
  return {
    $or: keys.map((key, i) => {
      const clause: Document = {};
      keys.slice(0, i).forEach((k, j) => { clause[field(k.field)] = after[j]; });
      clause[field(key.field)] = { [key.direction === 'desc' ? '$lt' : '$gt']: after[i] };
      return clause;
    }),
  };
}

export function compileFilter(query: FindQuery): Filter<Document> {
  const clauses = (query.where ?? []).map(condition);
  const ks = keyset(query);
  if (ks) clauses.push(ks);
  return clauses.length === 0 ? {} : clauses.length === 1 ? clauses[0] : { $and: clauses };
}

export function compileSort(query: FindQuery): Sort | undefined {
  if (!query.orderBy?.length) return undefined;
  return Object.fromEntries(query.orderBy.map((k) => [field(k.field), k.direction === 'asc' ? 1 : -1])) as Sort;
}

export function indexKey(fields: readonly string[]): Document {
  return Object.fromEntries(fields.map((f) => [field(f), 1]));
}
