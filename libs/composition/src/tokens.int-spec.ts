import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@civic-ledger/config';
import { createTokenVerifier, mintLocalToken, TokenRejected } from './tokens';

/** The embedded issuer's verifier with its token cache, against real keys and real signatures. */
describe('createTokenVerifier (embedded issuer, cached)', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'cl-tokens-')), mkdtempSync(join(tmpdir(), 'cl-tokens-'))];
  const [config, other] = dirs.map((dir) => loadConfig({ DATA_DIR: dir }));
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('still refuses a token once it has expired, though it was cached', async () => {
    const issuedAt = Date.now();
    let now = issuedAt;
    const verifier = createTokenVerifier(config, { now: () => now });
    const token = await mintLocalToken(config, { sub: 'caseworker-1', role: 'caseworker', departments: ['housing'], ttlSeconds: 60 });
    const principal = await verifier.verify(token);
    expect(principal).toEqual({ sub: 'caseworker-1', role: 'caseworker', departments: ['housing'], expiresAt: expect.any(String) });
    expect(Math.abs(Date.parse(principal.expiresAt as string) - (issuedAt + 60_000))).toBeLessThan(2_000);
    now = issuedAt + 30_000;
    expect((await verifier.verify(token)).sub).toBe('caseworker-1');
    now = issuedAt + 95_000; // past exp and the 30 s clock tolerance
    await expect(verifier.verify(token)).rejects.toThrow(TokenRejected);
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });

  it('refuses a token signed by another issuer\'s key, every time', async () => {
    const verifier = createTokenVerifier(config);
    const foreign = await mintLocalToken(other, { sub: 'intruder', role: 'supervisor' });
    await expect(verifier.verify(foreign)).rejects.toThrow(TokenRejected);
    await expect(verifier.verify(foreign)).rejects.toThrow(TokenRejected);
  });

  it('refuses a tampered token whose untampered original is cached', async () => {
    const verifier = createTokenVerifier(config);
    const token = await mintLocalToken(config, { sub: 'clerk-1', role: 'clerk' });
    await verifier.verify(token);
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'clerk-1', role: 'supervisor', iss: config.auth.issuer, aud: config.auth.audience, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    await expect(verifier.verify(`${header}.${payload}.${signature}`)).rejects.toThrow(TokenRejected);
  });
});
