/**
 * A command as the HTTP edge states it: the domain command minus the facts (`Resolved` fields) that
 * its handler establishes from the event store before deciding, e.g. whether other parties exist.
 */
export type Intent<C extends { type: string; data: object }, Resolved extends string> = {
  [K in C['type']]: { type: K; data: Omit<Extract<C, { type: K }>['data'], Resolved> };
}[C['type']];
