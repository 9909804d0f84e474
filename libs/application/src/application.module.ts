import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AUDIT_COMMAND_HANDLERS, AUDIT_QUERY_HANDLERS } from './audit/audit.handlers';
import { CORRESPONDENCE_COMMAND_HANDLERS, CORRESPONDENCE_QUERY_HANDLERS } from './correspondence/correspondence.handlers';
import { INTERACTION_COMMAND_HANDLERS, INTERACTION_QUERY_HANDLERS } from './interactions/interaction.handlers';
import { PARTY_COMMAND_HANDLERS, PARTY_QUERY_HANDLERS } from './parties/party.handlers';
import { SESSION_QUERY_HANDLERS } from './session/session.handlers';
import { AccessGate } from './shared/access-gate';
import { AggregateFacts } from './shared/aggregate-facts';
import { AccessRecords } from './shared/access-records';
import { BreakGlass } from './shared/break-glass';
import { CommandRunner } from './shared/command-runner';

const COMMAND_HANDLERS = [...PARTY_COMMAND_HANDLERS, ...INTERACTION_COMMAND_HANDLERS, ...CORRESPONDENCE_COMMAND_HANDLERS, ...AUDIT_COMMAND_HANDLERS];
const QUERY_HANDLERS = [...PARTY_QUERY_HANDLERS, ...INTERACTION_QUERY_HANDLERS, ...CORRESPONDENCE_QUERY_HANDLERS, ...AUDIT_QUERY_HANDLERS, ...SESSION_QUERY_HANDLERS];
const SERVICES = [CommandRunner, AggregateFacts, AccessGate, BreakGlass, AccessRecords];

/**
 * Every use case, transport-neutral: the HTTP API, the CLI and the worker import this module next to the
 * composition's LedgerModule (which provides the ports) and talk to it through the CommandBus/QueryBus.
 * Each use case has its own folder (`<area>/<use-case>/`: command or query, handler, spec); each area
 * collects its handlers in `<area>.handlers.ts`.
 */
@Module({
  imports: [CqrsModule],
  providers: [...SERVICES, ...COMMAND_HANDLERS, ...QUERY_HANDLERS],
  exports: [...SERVICES],
})
export class ApplicationModule {}
