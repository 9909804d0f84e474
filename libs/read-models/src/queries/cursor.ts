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

/**
 * A page whose items are JSON text as the store keeps them: `json` answers it without parsing and
 * re-serialising every item (the same bytes as `JSON.stringify` of the parsed page); `items` parses them
 * on first use, for callers that look inside.
 */
export class JsonPage<T> implements Page<T> {
  private parsed: T[] | null = null;

  constructor(readonly itemsJson: readonly string[], readonly nextCursor: string | null) {}

  get items(): T[] {
    this.parsed ??= this.itemsJson.map((text) => JSON.parse(text) as T);
    return this.parsed;
  }

  get json(): string {
    return `{"items":[${this.itemsJson.join(',')}],"nextCursor":${JSON.stringify(this.nextCursor)}}`;
  }

  toJSON(): Page<T> {
    return { items: this.items, nextCursor: this.nextCursor };
  }
}

/** `findPage` with the items kept as the store's JSON text; only the last item is parsed, for the cursor. */
export async function findJsonPage<T extends Doc>(
  store: ReadStore, collection: string, where: readonly Condition[], orderBy: readonly SortKey[], limit: number, cursor?: string,
): Promise<JsonPage<T>> {
  const rows = await store.findJson(collection, { where, orderBy, after: decodeCursor(cursor, orderBy.length), limit: limit + 1 });
  const items = rows.slice(0, limit);
  if (rows.length <= limit || items.length === 0) return new JsonPage<T>(items, null);
  const last = JSON.parse(items[items.length - 1]) as T;
  return new JsonPage<T>(items, encodeCursor(orderBy.map((key) => last[key.field] as string | number)));
}
