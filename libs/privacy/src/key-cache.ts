/** Unwrapped keys kept in memory for a short while (another process's destroy is seen within `ttlMs`). */
export class KeyCache {
  private readonly entries = new Map<string, { key: Buffer | null; until: number }>();

  constructor(private readonly ttlMs = 30_000, private readonly max = 10_000) {}

  get(subjectId: string): Buffer | null | undefined {
    const entry = this.entries.get(subjectId);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(subjectId);
      return undefined;
    }
    return entry.key;
  }

  set(subjectId: string, key: Buffer | null): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(subjectId, { key, until: Date.now() + this.ttlMs });
  }

  forget(subjectId: string): void {
    const entry = this.entries.get(subjectId);
    entry?.key?.fill(0);
    this.entries.delete(subjectId);
  }
}
