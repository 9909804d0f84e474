import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyWrapper } from './key-vault.port';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM under a 32-byte master key; the subject id is authenticated data (a key cannot be moved to another subject). */
export class LocalKeyWrapper implements KeyWrapper {
  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes (AES-256).');
  }

  async wrap(dataKey: Buffer, subjectId: string): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(subjectId, 'utf8'));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, ct, cipher.getAuthTag()]);
  }

  async unwrap(wrapped: Buffer, subjectId: string): Promise<Buffer> {
    const iv = wrapped.subarray(0, IV_BYTES);
    const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, iv);
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  }
}
