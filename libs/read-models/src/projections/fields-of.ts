/**
 * `{ ...source }` without the field `except`: a new object with `source`'s own enumerable fields in order
 * (a field named `__proto__` stays a plain field). Documents are built with it and `Object.assign` instead
 * of object spread and rest, which V8 (Node 20) ran at about 20 µs per timeline entry here, against about
 * 1 µs for this; the documents, field order included, are the same.
 */
export function fieldsOf<T extends object, K extends keyof T = never>(source: T, except?: K): Omit<T, K> {
  const from = source as Record<string, unknown>;
  const to: Record<string, unknown> = {};
  for (const key of Object.keys(from)) {
    if (key === except) continue;
    if (key === '__proto__') Object.defineProperty(to, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    else to[key] = from[key];
  }
  return to as Omit<T, K>;
}
