import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '@civic-ledger/config';

export function generateEd25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * Reads a private key file; when the file is the generated default and does not exist yet, creates it
 * once (mode 0600). A concurrent first start (a CLI command next to the server) uses the key the other
 * process wrote.
 */
export function loadOrCreateKeyFile(file: string, generated: boolean, variable: string, generate: () => string): string {
  if (!existsSync(file)) {
    if (!generated) throw new ConfigError(`${variable} ${file} does not exist; point it at an existing key file.`);
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, generate(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8');
}
