/** Metadata every command carries. Time and identity come from here, never from the clock. */
export interface CommandMetadata {
  /** System time at which the command is handled (used for rules such as clock skew). */
  readonly now: Date;
  /** Who issues the command (staff id, service id). */
  readonly actor: string;
}

export interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

export interface DomainEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

/** Emmett-style decider: three pure functions. */
export interface Decider<C, E, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState(): S;
}

/** Folds a history into state with a decider's evolve. */
export function fold<C, E, S>(decider: Decider<C, E, S>, events: readonly E[]): S {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
