import { AUDITOR, CLERK, useCaseSpec } from '../../testing/use-case.spec-kit';
import { PublicKeyQuery } from './get-public-key.query';

describe('PublicKey', () => {
  const spec = useCaseSpec();

  it('answers the key that verifies the signed checkpoints', async () => {
    expect(await spec.query(new PublicKeyQuery(AUDITOR))).toEqual({ algorithm: 'Ed25519', publicKeyPem: spec.signer.publicKeyPem });
  });

  it('is given to every role (anyone may check a signature)', async () => {
    expect(await spec.query(new PublicKeyQuery(CLERK))).toEqual({ algorithm: 'Ed25519', publicKeyPem: spec.signer.publicKeyPem });
  });
});
