import { isPartyEvent, LedgerEvent, PartyEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { nameTokens, normaliseIdentifier } from '../search/normalise';
import { COLLECTIONS } from '../views';

const L = COLLECTIONS.partyLookup;
const K = COLLECTIONS.partyLookupKeys;

type LookupKind = 'name' | 'email' | 'phone' | 'identifier';
interface Keys { id: string; keys: string[]; contactPoints: Record<string, string>; [field: string]: unknown }

const keyId = (partyId: string, kind: LookupKind, value: string) => `${partyId}|${kind}|${value}`;

function add(ctx: ProjectionContext, keys: Keys, kind: LookupKind, value: string): void {
  const id = keyId(keys.id, kind, value);
  if (!keys.keys.includes(id)) keys.keys.push(id);
  ctx.put(L, { id, partyId: keys.id, kind, value });
}

function drop(ctx: ProjectionContext, keys: Keys, predicate: (key: string) => boolean): void {
  for (const key of keys.keys.filter(predicate)) ctx.remove(L, key);
  keys.keys = keys.keys.filter((k) => !predicate(k));
}

async function apply(event: PartyEvent, ctx: ProjectionContext): Promise<void> {
  const partyId = event.data.partyId;
  // Every lookup write goes with a write of the party's key list: when that list already reflects the
  // event, the event is being delivered again and must not bring back keys deleted since.
  if (await ctx.reflects(K, partyId)) return;
  const keys: Keys = (await ctx.get<Keys>(K, partyId)) ?? { id: partyId, keys: [], contactPoints: {} };
  const namePrefix = `${partyId}|name|`;
  switch (event.type) {
    case 'PartyRegistered':
    case 'PartyNameChanged':
      drop(ctx, keys, (k) => k.startsWith(namePrefix));
      for (const token of nameTokens(event.data.name.full)) add(ctx, keys, 'name', token);
      break;
    case 'ContactPointAdded':
      if (event.data.kind === 'postal') return;
      add(ctx, keys, event.data.kind, event.data.value);
      keys.contactPoints[event.data.contactPointId] = keyId(partyId, event.data.kind, event.data.value);
      break;
    case 'ContactPointRemoved': {
      const key = keys.contactPoints[event.data.contactPointId];
      if (!key) return;
      drop(ctx, keys, (k) => k === key);
      delete keys.contactPoints[event.data.contactPointId];
      break;
    }
    case 'IdentifierAdded':
      add(ctx, keys, 'identifier', normaliseIdentifier(event.data.value));
      break;
    case 'PartyErased':
      drop(ctx, keys, () => true);
      keys.contactPoints = {};
      break;
    default:
      return;
  }
  ctx.put(K, keys);
}

/** Search keys: name tokens (accent/case folded), e-mail, E.164 phone and identifiers. */
export const partyLookupProjection: Projection = {
  name: 'party-lookup.v1',
  collections: [
    { name: L, indexes: [{ name: 'kind_value', fields: ['kind', 'value'] }] },
    { name: K, indexes: [] },
  ],
  async project(event: LedgerEvent, _env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isPartyEvent(event)) await apply(event, ctx);
  },
};
