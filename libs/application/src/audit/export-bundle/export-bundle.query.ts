import { Query } from '@nestjs/cqrs';
import { BundleDocument, PartyBundleResult } from '@civic-ledger/audit';
import { Principal } from '../../access/roles';

export interface ExportedBundle {
  readonly document: BundleDocument;
  readonly result: PartyBundleResult;
}

/** A party's offline-verifiable export bundle (as `civic-ledger export --bundle` writes it) as one document. */
export class ExportBundleQuery extends Query<ExportedBundle> {
  constructor(readonly partyId: string, readonly asOf: string | null, readonly principal: Principal) {
    super();
  }
}
