import { randomUUID } from 'node:crypto';
import { CHANNELS, interactionStreamId, partyStreamId } from '@civic-ledger/domain';
import { EventStore, NewEvent } from '@civic-ledger/event-store';

const DEPARTMENTS = ['housing', 'benefits', 'waste', 'council-tax', 'parking', 'social-care'];

export function envelope(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  return { id: randomUUID(), type, data, occurredAt, actor: 'bench', correlationId: randomUUID(), causationId: null, schemaVersion: 1 };
}

/** Fills the store with a realistic ledger: 1% party registrations, the rest interactions over five years. */
export async function fillLedger(store: EventStore, total: number, onProgress: (done: number) => void): Promise<{ partyIds: string[] }> {
  const parties = Math.max(10, Math.floor(total / 100));
  const partyIds = Array.from({ length: parties }, () => randomUUID());
  const start = Date.parse('2021-01-01T00:00:00Z');
  const span = 5 * 365 * 86400_000;
  let done = 0;
  const pending: Promise<unknown>[] = [];
  for (const partyId of partyIds) {
    pending.push(store.append(partyStreamId(partyId), [envelope('PartyRegistered', { partyId, kind: 'person', name: { full: `Person ${partyId.slice(0, 8)}` } }, '2021-01-01T00:00:00.000Z')], 'no_stream'));
  }
  await Promise.all(pending.splice(0));
  done += parties;
  for (let i = parties; i < total; i += 1) {
    const interactionId = randomUUID();
    const occurredAt = new Date(start + Math.floor(Math.random() * span)).toISOString();
    const data = {
      interactionId, channel: CHANNELS[i % CHANNELS.length], direction: 'inbound', occurredAt, partyIds: [partyIds[i % parties]],
      department: DEPARTMENTS[i % DEPARTMENTS.length], topics: ['general-enquiry'], summary: 'Asked about the status of an application.', confidentiality: 'normal',
    };
    pending.push(store.append(interactionStreamId(interactionId), [envelope('InteractionRecorded', data, occurredAt)], 'no_stream'));
    if (pending.length >= 2000) {
      await Promise.all(pending.splice(0));
      done = i + 1;
      onProgress(done);
    }
  }
  await Promise.all(pending);
  onProgress(total);
  return { partyIds };
}
