import { SingleBar, Presets } from 'cli-progress';

/** Progress on stderr (only on a terminal, so pipes and CI logs stay clean); results on stdout. */
export function progressBar(label: string, total: number): { update(done: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let lastShown = -1;
    return {
      update: (done) => {
        const pct = total > 0 ? Math.floor((done / total) * 10) : 10;
        if (pct !== lastShown) {
          lastShown = pct;
          process.stderr.write(`${label}: ${Math.min(done, total)}/${total}\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta}s`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(Math.min(done, total)), stop: () => bar.stop() };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}
