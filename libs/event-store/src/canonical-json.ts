/**
 * RFC 8785 (JCS) canonical JSON, as the `canonicalize` package writes it (object keys sorted by UTF-16 code
 * units, no whitespace, ECMAScript number and string serialisation; undefined members left out, undefined
 * array items as null), without its per-member closures and string rebuilding: hashing runs once per
 * appended event, on the write path. The spec checks it byte for byte against the package.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined || typeof item === 'symbol' ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const item = record[key];
    if (item === undefined || typeof item === 'symbol') continue;
    if (first) first = false;
    else out += ',';
    out += JSON.stringify(key);
    out += ':';
    out += canonicalJson(item);
  }
  return `${out}}`;
}

/**
 * The object's own keys by UTF-16 code units, as `Array.prototype.sort` without a comparator orders strings,
 * sorted in place by insertion when there are a handful (event data's objects): the built-in sort allocates a
 * scratch array per call (3 % of the API's allocations under write load). Larger objects use the built-in sort.
 */
const INSERTION_SORT_MAX = 24;

function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}
