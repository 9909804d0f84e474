import { Injectable } from '@nestjs/common';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { CommandRunner } from './command-runner';

/** Answers, from the event store (not the lagging read models), which parties exist and may be referenced. */
@Injectable()
export class PartyDirectory {
  constructor(private readonly runner: CommandRunner) {}

  async isActive(partyId: string): Promise<boolean> {
    const state = await this.runner.state(partyDecider, partyStreamId(partyId));
    return state.status === 'active';
  }

  /** Active and not merged into another party: may take over a duplicate's record. */
  async canSurvive(partyId: string): Promise<boolean> {
    const state = await this.runner.state(partyDecider, partyStreamId(partyId));
    return state.status === 'active' && state.mergedInto === null;
  }

  async activeAmong(partyIds: readonly string[]): Promise<string[]> {
    const flags = await Promise.all(partyIds.map((id) => this.isActive(id)));
    return partyIds.filter((_, i) => flags[i]);
  }
}
