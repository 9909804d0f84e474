import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';

const IV_BYTES = 12;
/** Random IVs drawn 256 at a time: one call into the CSPRNG instead of one per sealed field. */
const IV_POOL = Buffer.alloc(IV_BYTES * 256);
let ivOffset = IV_POOL.length;

/** A fresh random 96-bit IV (each pool byte is handed out once, then the pool is refilled). */
function nextIv(): Buffer {
  if (ivOffset >= IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivOffset = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivOffset, ivOffset + IV_BYTES));
  ivOffset += IV_BYTES;
  return iv;
}

/** How a personal field is stored: AES-256-GCM of its JSON under the subject's data key. */
export interface SealedField {
  readonly $sealed: 'aes-256-gcm';
  /** Subject whose key sealed it. */
  readonly k: string;
  readonly iv: string;
  /** Ciphertext followed by the 16-byte tag, base64. */
  readonly ct: string;
}

export function isSealed(value: unknown): value is SealedField {
  return typeof value === 'object' && value !== null && (value as { $sealed?: unknown }).$sealed === 'aes-256-gcm';
}

/** `aad` binds the ciphertext to its place (stream, event, field): it cannot be copied elsewhere. */
export function seal(key: Buffer, subjectId: string, aad: string, value: unknown): SealedField {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { $sealed: 'aes-256-gcm', k: subjectId, iv: iv.toString('base64'), ct: ct.toString('base64') };
}

export function unseal(key: Buffer, aad: string, sealed: SealedField): unknown {
  const ct = Buffer.from(sealed.ct, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(ct.subarray(ct.length - 16));
  return JSON.parse(Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]).toString('utf8'));
}
