import {
  CorrespondenceEvent, InteractionEvent, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, PartyEvent, partyStreamId,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, CorrespondenceView, InteractionView, PartyView } from '../views';
import { applyPartyEvent, newPartyView } from './party-view.profile';
import { correspondenceOf, eraseOpenCorrespondence } from './erasure';

const P = COLLECTIONS.parties;

async function update(ctx: ProjectionContext, partyId: string, env: RecordedEvent, change: (view: PartyView) => void): Promise<void> {
  const view = await ctx.get<PartyView>(P, partyId);
  if (!view) return;
  change(view);
  if (env.streamId === partyStreamId(partyId)) view.revision = env.revision;
  view.updatedAt = env.recordedAt;
  ctx.put(P, view);
}

async function projectParty(event: PartyEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
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
      const sealed = await correspondenceOf(ctx, partyId);
      const ids = new Set(sealed.map((c) => c.id));
      for (const other of new Set(sealed.flatMap((c) => c.partyIds))) {
        const view = await ctx.get<PartyView>(P, other);
        if (!view) continue;
        eraseOpenCorrespondence(view, ids);
        ctx.put(P, view);
      }
      return;
    }
    default:
      return;
  }
}

function addDepartment(view: PartyView, department: string | undefined): void {
  if (department && !view.departments.includes(department)) view.departments = [...view.departments, department].sort();
}

async function projectInteraction(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionAmended' && event.data.changes.department) {
    const interaction = await ctx.get<InteractionView>(COLLECTIONS.interactions, event.data.interactionId);
    for (const partyId of interaction?.partyIds ?? []) await update(ctx, partyId, env, (view) => addDepartment(view, event.data.changes.department));
    return;
  }
  if (event.type !== 'InteractionRecorded') return;
  const { channel, occurredAt, interactionId } = event.data;
  for (const partyId of event.data.partyIds) {
    await update(ctx, partyId, env, (view) => {
      view.interactionCounts[channel] = (view.interactionCounts[channel] ?? 0) + 1;
      addDepartment(view, event.data.department);
      if (!view.lastContact || occurredAt > view.lastContact.at) view.lastContact = { at: occurredAt, channel, interactionId };
    });
  }
}

async function projectCorrespondence(event: CorrespondenceEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const id = event.data.correspondenceId;
  const current = await ctx.get<CorrespondenceView>(COLLECTIONS.correspondence, id);
  if (!current) return;
  for (const partyId of event.data.partyIds) {
    await update(ctx, partyId, env, (view) => {
      addDepartment(view, current.department);
      const others = view.openCorrespondence.filter((c) => c.id !== id);
      view.openCorrespondence = current.status === 'closed' ? others : [...others, {
        id, subject: current.subject, status: current.status, dueAt: current.dueAt, department: current.department, receivedAt: current.receivedAt,
      }].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
    });
  }
}

/** Consolidated view of a party. Runs after the correspondence projection (it reads its documents). */
export const partyViewProjection: Projection = {
  name: 'party-view.v1',
  collections: [{ name: P, indexes: [{ name: 'sort_name', fields: ['sortName'] }] }],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isPartyEvent(event)) return projectParty(event, env, ctx);
    if (isInteractionEvent(event)) return projectInteraction(event, env, ctx);
    if (isCorrespondenceEvent(event)) return projectCorrespondence(event, env, ctx);
  },
};
