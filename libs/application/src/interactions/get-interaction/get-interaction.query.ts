import { Query } from '@nestjs/cqrs';
import { InteractionView } from '@civic-ledger/read-models';
import type { Principal } from '../../access/roles';

/** One recorded contact, if its department and confidentiality level are ones the reader sees. */
export class GetInteractionQuery extends Query<InteractionView> {
  constructor(readonly interactionId: string, readonly principal: Principal) {
    super();
  }
}
