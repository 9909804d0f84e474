import { AppConfig, ConfigError } from '@civic-ledger/config';
import { CheckpointSigner } from '@civic-ledger/audit';
import { loadOrCreateKeyFile } from './key-files';

/** The checkpoint signing key: from AUDIT_SIGNING_KEY_FILE, or generated once under DATA_DIR (mode 0600). */
export function loadSigner(config: AppConfig): CheckpointSigner {
  const pem = loadOrCreateKeyFile(config.auditKeyFile, config.auditKeyGenerated, 'AUDIT_SIGNING_KEY_FILE', () => CheckpointSigner.generatePem());
  try {
    return CheckpointSigner.fromPem(pem);
  } catch {
    throw new ConfigError(`${config.auditKeyFile} is not an Ed25519 private key in PKCS#8 PEM form.`);
  }
}
