import { RecordedEvent } from '@civic-ledger/event-store';
import { LedgerEvent } from '@civic-ledger/domain';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, CorrespondenceView } from '../views';
import { fieldsOf } from './fields-of';
import { correspondenceOf, eraseCorrespondence } from './erasure';
import { STEP_STATUS } from './record-refs';

const C = COLLECTIONS.correspondence;

export const correspondenceProjection: Projection = {
  name: 'correspondence.v1',
  collections: [{ name: C, indexes: [{ name: 'status_due', fields: ['status', 'dueAt'] }, { name: 'due', fields: ['dueAt'] }] }],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (event.type === 'PartyErased') {
      for (const doc of await correspondenceOf(ctx, event.data.partyId)) {
        eraseCorrespondence(doc);
        ctx.put(C, doc);
      }
      return;
    }
    if (event.type === 'CorrespondenceReceived') {
      const d = event.data;
      const doc: CorrespondenceView = Object.assign(fieldsOf(d, 'correspondenceId'), {
        id: d.correspondenceId, partyIds: [...d.partyIds], attachments: [...d.attachments], status: 'received', assigneeId: null,
        steps: [{ step: 'received', at: env.occurredAt, actor: env.actor, recordedAt: env.recordedAt, details: {} }],
        closedAt: null, revision: env.revision, updatedAt: env.recordedAt,
      });
      ctx.put(C, doc);
      return;
    }
    if (!event.type.startsWith('Correspondence')) return;
    const { correspondenceId, partyIds: _p, ...details } = event.data as { correspondenceId: string; partyIds: string[] } & Record<string, unknown>;
    const doc = await ctx.get<CorrespondenceView>(C, correspondenceId);
    if (!doc) return;
    const step = event.type.replace('Correspondence', '').toLowerCase();
    doc.steps.push({ step, at: env.occurredAt, actor: env.actor, recordedAt: env.recordedAt, details });
    doc.revision = env.revision;
    doc.updatedAt = env.recordedAt;
    if (event.type === 'CorrespondenceAssigned') {
      doc.assigneeId = event.data.assigneeId;
      // Assigning to a department moves the item there.
      if (event.data.department) doc.department = event.data.department;
    }
    if (event.type === 'CorrespondenceClosed') doc.closedAt = env.occurredAt;
    if (event.type === 'CorrespondenceReopened') {
      doc.status = doc.assigneeId ? 'assigned' : 'received';
      doc.closedAt = null;
      if (event.data.dueAt) doc.dueAt = event.data.dueAt;
    } else {
      doc.status = STEP_STATUS[event.type] ?? doc.status;
    }
    ctx.put(C, doc);
  },
};
