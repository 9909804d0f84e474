import {
  ERASED, CorrespondenceEvent, InteractionEvent, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, PartyEvent, partyStreamId,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { AccessGrantView, COLLECTIONS, PartyView } from '../views';
import { addDepartment, applyPartyEvent, newPartyView } from './party-view.profile';
import { eraseOpenCorrespondence } from './erasure';
import { refCollection, refsSealedBy, trackRecord } from './record-refs';
import { contactsCollection, countContact, movedContact, moveContact, upgradeContacts } from './party-view.contacts';

const P = COLLECTIONS.parties;
/** The party view's own records of correspondence (it reads no other projection's documents). */
const REFS = 'party_view_refs';
const G = COLLECTIONS.accessGrants;

async function update(ctx: ProjectionContext, partyId: string, env: RecordedEvent, change: (view: PartyView) => void | Promise<void>): Promise<void> {
  const view = await ctx.get<PartyView>(P, partyId);
  if (!view) return;
  await change(view);
  upgradeContacts(view);
  if (env.streamId === partyStreamId(partyId)) view.revision = env.revision;
  view.updatedAt = env.recordedAt;
  ctx.put(P, view);
}

async function projectGrant(event: PartyEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'PartyAccessGranted') {
    const { grantId, partyId, department, reason } = event.data;
    ctx.put(G, { id: grantId, partyId, department, reason, grantedBy: env.actor, grantedAt: env.recordedAt, status: 'active', position: env.position } satisfies AccessGrantView);
    return;
  }
  if (event.type === 'PartyAccessRevoked') {
    const grant = await ctx.get<AccessGrantView>(G, event.data.grantId);
    if (!grant) return;
    Object.assign(grant, { status: 'revoked', revokedBy: env.actor, revokedAt: env.recordedAt, revocationReason: event.data.reason, position: env.position });
    ctx.put(G, grant);
    return;
  }
  if (event.type === 'PartyErased') {
    for (const grant of await ctx.find<AccessGrantView>(G, [{ field: 'partyId', op: 'eq', value: event.data.partyId }])) {
      grant.reason = ERASED;
      if (grant.revocationReason !== undefined) grant.revocationReason = ERASED;
      ctx.put(G, grant);
    }
  }
}

async function projectParty(event: PartyEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  await projectGrant(event, env, ctx);
  if (event.type === 'PartyRegistered') {
    ctx.put(P, newPartyView(event, env));
    return;
  }
  const partyId = event.data.partyId;
  await update(ctx, partyId, env, (view) => applyPartyEvent(view, event, env));
  // The other side of links sees them too.
  switch (event.type) {
    case 'RelationshipLinked':
      return update(ctx, event.data.toPartyId, env, (other) => {
        other.relationships.push({ id: event.data.relationshipId, kind: event.data.kind, partyId, direction: 'incoming', since: env.occurredAt });
        if (!other.linkedPartyIds.includes(partyId)) other.linkedPartyIds.push(partyId);
      });
    case 'RelationshipUnlinked':
      return update(ctx, event.data.toPartyId, env, (other) => {
        other.relationships = other.relationships.filter((r) => r.id !== event.data.relationshipId);
      });
    case 'PartyMerged':
      return update(ctx, event.data.survivorPartyId, env, (survivor) => {
        if (!survivor.mergedFrom.includes(partyId)) survivor.mergedFrom.push(partyId);
        if (!survivor.linkedPartyIds.includes(partyId)) survivor.linkedPartyIds.push(partyId);
      });
    case 'PartyUnmerged':
      return update(ctx, event.data.survivorPartyId, env, (survivor) => {
        survivor.mergedFrom = survivor.mergedFrom.filter((id) => id !== partyId);
      });
    case 'PartyErased': {
      // Subjects of correspondence it is the first party of now read as erased, in every party's view.
      const sealed = await refsSealedBy(ctx, REFS, partyId);
      const ids = new Set(sealed.map((c) => c.refId));
      for (const other of new Set(sealed.flatMap((c) => c.partyIds))) {
        const view = await ctx.get<PartyView>(P, other);
        if (!view) continue;
        eraseOpenCorrespondence(view, ids);
        upgradeContacts(view);
        ctx.put(P, view);
      }
      await trackRecord(event, ctx, REFS);
      return;
    }
    default:
      return;
  }
}

async function projectInteraction(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionRecorded') {
    for (const partyId of event.data.partyIds) {
      await update(ctx, partyId, env, (view) => {
        // Only recording a contact counts as dealing with the party; amending (e.g. the department) widens nothing.
        addDepartment(view, event.data.department);
        countContact(ctx, view, event);
      });
    }
    return;
  }
  // Amended into another department or time, or reclassified: the contact moves between cells.
  for (const partyId of event.data.partyIds) {
    const moved = await movedContact(ctx, partyId, event);
    if (moved) await update(ctx, partyId, env, (view) => moveContact(ctx, view, moved.contact, moved.to));
  }
}

async function projectCorrespondence(event: CorrespondenceEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const id = event.data.correspondenceId;
  const current = await trackRecord(event, ctx, REFS);
  if (!current) return;
  for (const partyId of event.data.partyIds) {
    await update(ctx, partyId, env, (view) => {
      // Receiving counts as dealing with the party; assigning or moving the item later widens nothing.
      if (event.type === 'CorrespondenceReceived') addDepartment(view, current.department);
      const others = view.openCorrespondence.filter((c) => c.id !== id);
      view.openCorrespondence = current.status === 'closed' ? others : [...others, {
        id, subject: current.subject as string, status: current.status as string, dueAt: current.dueAt as string, department: current.department,
        receivedAt: current.receivedAt as string,
      }].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
    });
  }
}

/**
 * Consolidated view of a party, from its own records of correspondence and of its contacts (counted per
 * department × confidentiality level, see party-view.contacts.ts).
 */
export const partyViewProjection: Projection = {
  name: 'party-view.v5',
  collections: [
    refCollection(REFS),
    contactsCollection,
    { name: P, indexes: [{ name: 'sort_name', fields: ['sortName'] }] },
    { name: G, indexes: [{ name: 'grant_party', fields: ['partyId'] }, { name: 'grant_department', fields: ['department', 'grantedAt'] }] },
  ],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isPartyEvent(event)) return projectParty(event, env, ctx);
    if (isInteractionEvent(event)) return projectInteraction(event, env, ctx);
    if (isCorrespondenceEvent(event)) return projectCorrespondence(event, env, ctx);
  },
};
