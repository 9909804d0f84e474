import { RecordedEvent } from '@civic-ledger/event-store';
import { LedgerEvent } from '@civic-ledger/domain';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, InteractionView } from '../views';
import { fieldsOf } from './fields-of';
import { eraseInteraction, interactionsOf } from './erasure';

const C = COLLECTIONS.interactions;

export const interactionsProjection: Projection = {
  name: 'interactions.v1',
  collections: [{ name: C, indexes: [{ name: 'occurred', fields: ['occurredAt'] }] }],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (event.type === 'PartyErased') {
      for (const doc of await interactionsOf(ctx, event.data.partyId)) {
        eraseInteraction(doc);
        ctx.put(C, doc);
      }
      return;
    }
    if (event.type === 'InteractionRecorded') {
      const d = event.data;
      const doc: InteractionView = Object.assign(fieldsOf(d, 'interactionId'), {
        id: d.interactionId, partyIds: [...d.partyIds], topics: [...d.topics], correspondenceIds: [], amendments: [],
        recordedAt: env.recordedAt, recordedBy: env.actor, recordedEventId: env.id, revision: env.revision, updatedAt: env.recordedAt,
      });
      ctx.put(C, doc);
      return;
    }
    if (!event.type.startsWith('Interaction')) return;
    const id = (event.data as { interactionId: string }).interactionId;
    const doc = await ctx.get<InteractionView>(C, id);
    if (!doc) return;
    doc.revision = env.revision;
    doc.updatedAt = env.recordedAt;
    switch (event.type) {
      case 'InteractionAmended':
        Object.assign(doc, event.data.changes);
        doc.amendments.push({ at: env.occurredAt, actor: env.actor, reason: event.data.reason, changes: { ...event.data.changes }, previous: { ...event.data.previous } });
        break;
      case 'InteractionLinkedToCorrespondence':
        doc.correspondenceIds.push(event.data.correspondenceId);
        break;
      case 'InteractionConfidentialitySet':
        doc.confidentiality = event.data.level;
        break;
      default:
        return;
    }
    ctx.put(C, doc);
  },
};
