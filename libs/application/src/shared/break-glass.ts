import { Injectable } from '@nestjs/common';
import { GrantPartyAccess, partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessDenied } from '../access/access-policy';
import { AccessRecords } from './access-records';
import { AccessGate } from './access-gate';
import { AggregateFacts } from './aggregate-facts';
import { CommandRunner, newId, WriteContext } from './command-runner';

export interface BreakGlassPlan {
  /** The named parties that exist and are not erased (what the record's decider needs to know). */
  readonly activePartyIds: readonly string[];
  /** Makes the grants the record needs; call once the record is decided. */
  grant(): Promise<void>;
}

/**
 * A new record (contact, correspondence) may name only parties its department already sees. A citizen
 * known only to another department is reached by "breaking the glass": the request states why, the
 * department is granted the party's profile (never other departments' records), and the grant goes into
 * the party's stream and the access ledger for the privacy officer to review.
 */
@Injectable()
export class BreakGlass {
  constructor(
    private readonly runner: CommandRunner, private readonly gate: AccessGate, private readonly facts: AggregateFacts, private readonly access: AccessRecords,
  ) {}

  /**
   * Checks every party the new record names and returns the grants to make: the caller makes them once the
   * record itself is decided (runner's beforeAppend), so a refused record leaves no grant behind.
   */
  async plan(ctx: WriteContext, department: string, partyIds: readonly string[]): Promise<BreakGlassPlan> {
    const needed: string[] = [];
    const active: string[] = [];
    for (const partyId of partyIds) {
      const party = await this.facts.party(partyId);
      // Unknown or erased parties are refused by the decider of the record itself.
      if (party?.status !== 'active') continue;
      active.push(partyId);
      // The party's own departments (its stream) are part of those that see it: the read model is asked only beyond them.
      if (party.departments.includes(department) || (await this.gate.partyDepartments(party)).includes(department)) continue;
      if (!ctx.breakGlassReason) {
        throw new AccessDenied('AUTH.BREAK_GLASS_REQUIRED', `A party named in this record is held by another department. To record it for ${department}, state why in breakGlass.reason; the grant is recorded and reviewed.`);
      }
      needed.push(partyId);
    }
    const reason = ctx.breakGlassReason ?? '';
    return {
      activePartyIds: active,
      grant: async () => {
        for (const partyId of needed) await this.grant(ctx, partyId, department, reason);
      },
    };
  }

  private async grant(ctx: WriteContext, partyId: string, department: string, reason: string): Promise<void> {
    const data = { partyId, grantId: newId(ctx, `access-grant|${partyId}`), department, reason };
    await this.runner.run(partyDecider, partyStreamId(partyId), (now): GrantPartyAccess => ({ type: 'GrantPartyAccess', data, metadata: { now, actor: ctx.actor } }), {
      ...ctx, expectedRevision: undefined, occurredAt: undefined,
    });
    this.access.record(ctx.principal, partyId, 'break-glass', undefined, ctx.correlationId);
  }
}
