import { Condition, Doc, ReadStore, SortKey } from '../read-store.port';

/** Opaque keyset cursors: base64url of the sort-key values of the last item returned. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export class InvalidCursor extends Error {
  constructor() {
    super('The cursor is not valid for this query.');
    this.name = 'InvalidCursor';
  }
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) return values;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function page<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** One keyset page of a collection: sorted by `orderBy`, continuing after the cursor of the previous page. */
export async function findPage<T extends Doc>(
  store: ReadStore, collection: string, where: readonly Condition[], orderBy: readonly SortKey[], limit: number, cursor?: string,
): Promise<Page<T>> {
  const rows = await store.find<T>(collection, { where, orderBy, after: decodeCursor(cursor, orderBy.length), limit: limit + 1 });
  return page(rows, limit, (row) => orderBy.map((key) => row[key.field] as string | number));
}
