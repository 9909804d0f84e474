import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AUDIT_QUERY_HANDLERS } from './audit/audit.queries';
import { CorrespondenceCommandHandler, GetCorrespondenceHandler, ListCorrespondenceHandler } from './correspondence/correspondence.handlers';
import { GetInteractionHandler, InteractionCommandHandler } from './interactions/interaction.handlers';
import { ListAccessGrantsHandler } from './parties/list-access-grants.query';
import { PartyCommandHandler } from './parties/party.command-handler';
import { PARTY_QUERY_HANDLERS } from './parties/party.query-handlers';
import { AccessGate } from './shared/access-gate';
import { AccessRecords } from './shared/access-records';
import { BreakGlass } from './shared/break-glass';
import { CommandRunner } from './shared/command-runner';

const COMMAND_HANDLERS = [PartyCommandHandler, InteractionCommandHandler, CorrespondenceCommandHandler];
const QUERY_HANDLERS = [...PARTY_QUERY_HANDLERS, GetInteractionHandler, GetCorrespondenceHandler, ListCorrespondenceHandler, ListAccessGrantsHandler, ...AUDIT_QUERY_HANDLERS];
const SERVICES = [CommandRunner, AccessGate, BreakGlass, AccessRecords];

/**
 * Every use case, transport-neutral: the HTTP API, the CLI and the worker import this module next to the
 * composition's LedgerModule (which provides the ports) and talk to it through the CommandBus/QueryBus.
 */
@Module({
  imports: [CqrsModule],
  providers: [...SERVICES, ...COMMAND_HANDLERS, ...QUERY_HANDLERS],
  exports: [...SERVICES],
})
export class ApplicationModule {}
