import { CommandMetadata } from '@civic-ledger/domain';

/**
 * The domain command a use case decides, as the command runner asks for it: type and data, stamped with
 * the runner's clock and the context's actor (a decider never reads the clock itself).
 */
export function stamped<T extends string, D>(type: T, data: D, actor: string): (now: Date) => { type: T; data: D; metadata: CommandMetadata } {
  return (now) => ({ type, data, metadata: { now, actor } });
}
