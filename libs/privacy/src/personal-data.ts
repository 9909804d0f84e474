import { ERASED } from '@civic-ledger/domain';

export { ERASED };

/**
 * The personal fields of each event type (paths into `data`): names, birth dates, contact points,
 * identifiers, free text about a person, correspondence subjects and texts. Everything else (ids,
 * kinds, channels, departments, dates of contact, consent purposes) stays in clear text so that the
 * ledger keeps its shape and statistics after an erasure.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PartyRegistered: ['name', 'birthDate'],
  PartyNameChanged: ['name', 'reason'],
  ContactPointAdded: ['value', 'address', 'label'],
  IdentifierAdded: ['value'],
  ConsentGiven: ['evidence'],
  ConsentWithdrawn: ['reason'],
  PartyAccessGranted: ['reason'],
  PartyAccessRevoked: ['reason'],
  InteractionRecorded: ['summary', 'outcome'],
  InteractionAmended: ['changes.summary', 'changes.outcome', 'previous.summary', 'previous.outcome', 'reason'],
  CorrespondenceReceived: ['subject'],
  CorrespondenceAcknowledged: ['note'],
  CorrespondenceResponded: ['summary'],
  CorrespondenceClosed: ['resolution'],
  CorrespondenceReopened: ['reason'],
};

/** The value a field reads as once its key is gone; undefined removes the field. */
export function erasedValue(path: string): unknown {
  if (path === 'name') return { full: ERASED };
  if (path === 'birthDate' || path === 'address' || path === 'label') return undefined;
  return ERASED;
}

type Obj = Record<string, unknown>;

export function getPath(data: Obj, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Obj)[key] : undefined), data);
}

/** A copy of `data` with the value at `path` replaced (or removed when `value` is undefined). */
export function withPath(data: Obj, path: string, value: unknown): Obj {
  const [head, ...rest] = path.split('.');
  const copy: Obj = { ...data };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  if (!child || typeof child !== 'object') return copy;
  copy[head] = withPath(child as Obj, rest.join('.'), value);
  return copy;
}
