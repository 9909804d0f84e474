import { Decider, fold } from './decider';
import { DomainError, DomainErrorCode } from './domain-error';

/** Given/when/then for deciders: given past events, when a command, then events or an error code. */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => ({
      then: (expected: E[]) => expect(decider.decide(command, fold(decider, given))).toEqual(expected),
      thenFails: (code: DomainErrorCode) => {
        let error: unknown;
        try {
          decider.decide(command, fold(decider, given));
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe(code);
      },
    }),
  });
}

export const NOW = new Date('2024-06-01T12:00:00.000Z');
export const meta = { now: NOW, actor: 'staff-7' };
