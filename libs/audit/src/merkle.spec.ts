import { createHash } from 'node:crypto';
import { consistencyProof, inclusionProof, leafHash, treeHead, verifyConsistency, verifyInclusion } from './merkle';

const leaves = Array.from({ length: 37 }, (_, i) => leafHash(createHash('sha256').update(String(i)).digest('hex')));

describe('Merkle tree (RFC 9162)', () => {
  it('proves and verifies inclusion of every leaf in every tree size', () => {
    for (let n = 1; n <= leaves.length; n += 1) {
      const root = treeHead(leaves, n);
      for (let m = 0; m < n; m += 1) expect(verifyInclusion(leaves[m], m, n, inclusionProof(leaves, m, n), root)).toBe(true);
    }
  });

  it('rejects a wrong leaf, index or root', () => {
    const root = treeHead(leaves, 20);
    const proof = inclusionProof(leaves, 5, 20);
    expect(verifyInclusion(leaves[6], 5, 20, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[5], 4, 20, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 20, proof, treeHead(leaves, 21))).toBe(false);
  });

  it('proves that every earlier tree is a prefix of every later one', () => {
    for (let n = 1; n <= leaves.length; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        expect(verifyConsistency(m, n, treeHead(leaves, m), treeHead(leaves, n), consistencyProof(leaves, m, n))).toBe(true);
      }
    }
  });

  it('detects history rewritten between two tree heads', () => {
    const rewritten = [...leaves];
    rewritten[3] = leafHash('ab'.repeat(32));
    const proof = consistencyProof(rewritten, 10, 30);
    expect(verifyConsistency(10, 30, treeHead(leaves, 10), treeHead(rewritten, 30), proof)).toBe(false);
  });
});
