import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppConfig, ConfigError } from '@civic-ledger/config';
import { CheckpointSigner } from '@civic-ledger/audit';

/** The checkpoint signing key: from AUDIT_SIGNING_KEY_FILE, or generated once under DATA_DIR (mode 0600). */
export function loadSigner(config: AppConfig): CheckpointSigner {
  if (!existsSync(config.auditKeyFile)) {
    if (!config.auditKeyGenerated) throw new ConfigError(`AUDIT_SIGNING_KEY_FILE ${config.auditKeyFile} does not exist; point it at an Ed25519 PKCS#8 PEM key.`);
    mkdirSync(dirname(config.auditKeyFile), { recursive: true });
    try {
      writeFileSync(config.auditKeyFile, CheckpointSigner.generatePem(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (a CLI command next to the server) created it first: use that one.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  try {
    return CheckpointSigner.fromPem(readFileSync(config.auditKeyFile, 'utf8'));
  } catch {
    throw new ConfigError(`${config.auditKeyFile} is not an Ed25519 private key in PKCS#8 PEM form.`);
  }
}
