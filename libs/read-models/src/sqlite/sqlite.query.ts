import { Condition, FindQuery } from '../read-store.port';

const SAFE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

export function tableName(collection: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
  return `rm_${collection}`;
}

/** The indexed expression for a (possibly dotted) document field. */
export function fieldExpr(field: string): string {
  if (!SAFE.test(field)) throw new Error(`Invalid field name: ${field}`);
  return `json_extract(doc, '$.${field}')`;
}

const OPS = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * Lists up to this long are bound one placeholder per value (`IN (?, ?)`): the reader's scope (departments,
 * confidentiality levels, kinds) on every timeline page. SQLite plans a list of placeholders as a constant set,
 * where a `json_each` subquery builds a Bloom filter per execution (a quarter of a scoped page's query time).
 * Longer lists go as one JSON parameter, so the statement cache does not grow with every list length.
 */
const INLINE_IN_MAX = 16;

const bindable = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);

function condition(c: Condition, params: unknown[]): string {
  const f = fieldExpr(c.field);
  switch (c.op) {
    case 'in': {
      const values = c.value as readonly unknown[];
      if (values.length === 0 || values.length > INLINE_IN_MAX) {
        params.push(JSON.stringify(values));
        return `${f} IN (SELECT value FROM json_each(?))`;
      }
      params.push(...values.map(bindable));
      return `${f} IN (${values.map(() => '?').join(', ')})`;
    }
    case 'prefix':
      params.push(c.value, `${c.value}\uffff`);
      return `${f} >= ? AND ${f} < ?`;
    case 'has':
      params.push(c.value);
      return `EXISTS (SELECT 1 FROM json_each(doc, '$.${c.field}') WHERE value = ?)`;
    default:
      params.push(bindable(c.value));
      return `${f} ${OPS[c.op]} ?`;
  }
}

/** Keyset condition: rows strictly after `after` in the given sort order. */
function keyset(query: FindQuery, params: unknown[]): string | null {
  const keys = query.orderBy ?? [];
  const after = query.after;
  if (!after || after.length === 0) return null;
  if (after.length !== keys.length) throw new Error('Cursor does not match the sort keys.');
  const alternatives = keys.map((key, i) => {
    const parts = keys.slice(0, i).map((k, j) => { params.push(after[j]); return `${fieldExpr(k.field)} = ?`; });
    params.push(after[i]);
    parts.push(`${fieldExpr(key.field)} ${key.direction === 'desc' ? '<' : '>'} ?`);
    return `(${parts.join(' AND ')})`;
  });
  return `(${alternatives.join(' OR ')})`;
}

export function compileQuery(table: string, query: FindQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses = (query.where ?? []).map((c) => condition(c, params));
  const ks = keyset(query, params);
  if (ks) clauses.push(ks);
  const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
  const order = query.orderBy?.length ? ` ORDER BY ${query.orderBy.map((k) => `${fieldExpr(k.field)} ${k.direction.toUpperCase()}`).join(', ')}` : '';
  const limit = query.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(query.limit))}` : '';
  return { sql: `SELECT doc FROM ${table}${where}${order}${limit}`, params };
}
