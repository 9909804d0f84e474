import { useCaseSpec } from '../../testing/use-case.spec-kit';
import { PublicKeyQuery } from './get-public-key.query';

describe('PublicKey', () => {
  const spec = useCaseSpec();

  it('answers the key that verifies the signed checkpoints', async () => {
    expect(await spec.query(new PublicKeyQuery())).toEqual({ algorithm: 'Ed25519', publicKeyPem: spec.signer.publicKeyPem });
  });
});
