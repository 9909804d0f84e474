import { Query } from '@nestjs/cqrs';
import { SignedCheckpoint } from '@civic-ledger/audit';

/** Every signed checkpoint, oldest first. */
export class ListCheckpointsQuery extends Query<SignedCheckpoint[]> {}
