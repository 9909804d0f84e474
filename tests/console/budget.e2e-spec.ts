import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'console');
/** Issue 16: the JavaScript for the first screen stays within 250 KB gzipped. */
const BUDGET_BYTES = 250 * 1024;

/** The built console (npm test builds it first): size budget and no asset from anywhere but /console. */
describe('console build', () => {
  const index = () => readFileSync(join(DIST, 'index.html'), 'utf8');
  const references = () => [...index().matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]);

  beforeAll(() => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run "npm run build" (npm test does it for you).`);
  });

  it('keeps the first screen\'s JavaScript (entry and preloaded chunks) within 250 KB gzipped', () => {
    const scripts = [...index().matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(DIST, src.replace(/^\/console\//, '')))).length, 0);
    process.stdout.write(`console first-screen JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)\n`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads everything from its own origin under /console (no CDN) and runs no inline script', () => {
    for (const ref of references()) expect(ref).toMatch(/^\/console\//);
    expect(index()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(index()).not.toMatch(/\son[a-z]+="/);
  });
});
