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
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || typeof item === 'symbol') continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `{${out}}`;
}
