import { isPartyEvent, LedgerEvent, PartyEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { normaliseIdentifier } from '../search/normalise';
import { COLLECTIONS, DuplicateKeyView } from '../views';

const D = COLLECTIONS.partyDuplicates;
const K = COLLECTIONS.partyDuplicateKeys;

/**
 * What a party holds: each contact point's key, and its identifiers' keys (a key may be held twice). Written
 * with every change of the party's keys and kept after erasure (empty), so it tells an old event delivered
 * again (`ctx.reflects`), which must not bring back a key the party has left: key documents are deleted
 * when no one holds them, which leaves no position behind.
 */
interface Held { id: string; contactPoints: Record<string, string>; identifiers: string[]; [field: string]: unknown }

const held = (keys: Held) => [...Object.values(keys.contactPoints), ...keys.identifiers];

type Key = { id: string; kind: DuplicateKeyView['kind']; value: string; scheme?: string };

async function join(ctx: ProjectionContext, partyId: string, key: Key): Promise<void> {
  const group: DuplicateKeyView = (await ctx.get<DuplicateKeyView>(D, key.id)) ?? { ...key, partyIds: [], shared: false };
  if (group.partyIds.includes(partyId)) return;
  const partyIds = [...group.partyIds, partyId].sort();
  ctx.put(D, { ...group, partyIds, shared: partyIds.length > 1 });
}

async function leave(ctx: ProjectionContext, partyId: string, keyId: string): Promise<void> {
  const group = await ctx.get<DuplicateKeyView>(D, keyId);
  if (!group) return;
  const partyIds = group.partyIds.filter((id) => id !== partyId);
  if (partyIds.length === 0) ctx.remove(D, keyId);
  else ctx.put(D, { ...group, partyIds, shared: partyIds.length > 1 });
}

async function apply(event: PartyEvent, ctx: ProjectionContext): Promise<void> {
  const partyId = event.data.partyId;
  if (await ctx.reflects(K, partyId)) return;
  const keys: Held = (await ctx.get<Held>(K, partyId)) ?? { id: partyId, contactPoints: {}, identifiers: [] };
  switch (event.type) {
    case 'ContactPointAdded': {
      if (event.data.kind !== 'email' && event.data.kind !== 'phone') return;
      const id = `${event.data.kind}|${event.data.value}`;
      await join(ctx, partyId, { id, kind: event.data.kind, value: event.data.value });
      keys.contactPoints[event.data.contactPointId] = id;
      break;
    }
    case 'ContactPointRemoved': {
      const id = keys.contactPoints[event.data.contactPointId];
      if (!id) return;
      delete keys.contactPoints[event.data.contactPointId];
      if (!held(keys).includes(id)) await leave(ctx, partyId, id);
      break;
    }
    case 'IdentifierAdded': {
      const value = normaliseIdentifier(event.data.value);
      const id = `identifier|${event.data.scheme}|${value}`;
      await join(ctx, partyId, { id, kind: 'identifier', scheme: event.data.scheme, value });
      keys.identifiers.push(id);
      break;
    }
    case 'PartyErased':
      for (const id of new Set(held(keys))) await leave(ctx, partyId, id);
      keys.contactPoints = {};
      keys.identifiers = [];
      break;
    default:
      return;
  }
  ctx.put(K, keys);
}

/**
 * Duplicate candidates: one document per exact e-mail, phone or identifier, listing the parties that hold it,
 * indexed on `shared` so the keys held by two parties or more are read without scanning every party.
 */
export const partyDuplicatesProjection: Projection = {
  name: 'party-duplicates.v1',
  collections: [
    { name: D, indexes: [{ name: 'shared_id', fields: ['shared', 'id'] }] },
    { name: K, indexes: [] },
  ],
  async project(event: LedgerEvent, _env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isPartyEvent(event)) await apply(event, ctx);
  },
};
