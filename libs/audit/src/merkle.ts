import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree over the ledger's event hashes in global order:
 * tree head, inclusion proofs and consistency proofs, and their verification.
 */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
export const leafHash = (eventHashHex: string): Buffer => sha256(Buffer.from([0]), Buffer.from(eventHashHex, 'hex'));
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);
const EMPTY = sha256();

/** Largest power of two strictly smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Merkle tree hash of leaves[from, to). */
function mth(leaves: readonly Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY;
  if (n === 1) return leaves[from];
  const k = split(n);
  return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
}

export function treeHead(leaves: readonly Buffer[], size = leaves.length): Buffer {
  return mth(leaves, 0, size);
}

/** Audit path for leaf m in the tree of the first n leaves. */
export function inclusionProof(leaves: readonly Buffer[], m: number, n = leaves.length): Buffer[] {
  const path = (index: number, from: number, to: number): Buffer[] => {
    const size = to - from;
    if (size <= 1) return [];
    const k = split(size);
    return index < k
      ? [...path(index, from, from + k), mth(leaves, from + k, to)]
      : [...path(index - k, from + k, to), mth(leaves, from, from + k)];
  };
  if (m < 0 || m >= n) throw new RangeError('leaf index outside the tree');
  return path(m, 0, n);
}

/** Proof that the tree of the first m leaves is a prefix of the tree of the first n leaves. */
export function consistencyProof(leaves: readonly Buffer[], m: number, n = leaves.length): Buffer[] {
  const subproof = (size: number, from: number, to: number, whole: boolean): Buffer[] => {
    const count = to - from;
    if (size === count) return whole ? [] : [mth(leaves, from, to)];
    const k = split(count);
    return size <= k
      ? [...subproof(size, from, from + k, whole), mth(leaves, from + k, to)]
      : [...subproof(size - k, from + k, to, false), mth(leaves, from, from + k)];
  };
  if (m <= 0 || m > n) throw new RangeError('first tree size must be between 1 and the second');
  return m === n ? [] : subproof(m, 0, n, true);
}

/** RFC 9162 section 2.1.3.2. */
export function verifyInclusion(leaf: Buffer, index: number, size: number, proof: readonly Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 section 2.1.4.2. */
export function verifyConsistency(first: number, second: number, firstRoot: Buffer, secondRoot: Buffer, proof: readonly Buffer[]): boolean {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0 || first > second || proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) { fn >>= 1; sn >>= 1; }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) { fn >>= 1; sn >>= 1; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
