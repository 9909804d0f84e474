/**
 * Waits for a condition that no event or ledger position announces (a message reaching a consumer, a
 * line reaching another process's output, a clock passing an instant). Where a position exists, await
 * it instead (X-Min-Position, a projector's waitFor). Never a fixed sleep: returns as soon as it holds.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
