import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { CheckpointSigner, createCheckpoint, SignedCheckpoint } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { AUDIT_SIGNER, STORED_EVENTS } from '../../shared/ports';
import { SignCheckpointCommand } from './sign-checkpoint.command';

@CommandHandler(SignCheckpointCommand)
export class SignCheckpointHandler implements ICommandHandler<SignCheckpointCommand> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore, @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute({ principal }: SignCheckpointCommand): Promise<SignedCheckpoint> {
    requireAccess(principal, 'audit.sign-checkpoint');
    return createCheckpoint(this.events, this.signer, new Date());
  }
}
