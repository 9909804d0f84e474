import { ConsoleEnv } from './console-env';

const DAY = 24 * 3600 * 1000;
const CHANNELS = ['phone', 'email', 'counter', 'letter'] as const;

export interface PersonFixture { id: string; spouseId: string; amendedId: string; registeredAt: number }

/** A person with a full story, set up over HTTP as a housing supervisor would (other clients' writes, not the console's). */
export async function personWithStory(env: ConsoleEnv, interactions = 30): Promise<PersonFixture> {
  const registeredAt = Date.now();
  const { id } = await env.api<{ id: string }>('supervisor', 'POST', '/v1/parties', {
    kind: 'person', name: { full: 'Amélie Tremblay-Gagnon', given: 'Amélie', family: 'Tremblay-Gagnon' }, birthDate: '1984-02-29',
    contactPoints: [{ kind: 'email', value: 'amelie.tg@example.org', verified: true }, { kind: 'phone', value: '+44 20 7946 0018' }],
    identifiers: [{ scheme: 'client-number', value: 'C-777001' }], department: 'housing',
  });
  const spouse = await env.api<{ id: string }>('supervisor', 'POST', '/v1/parties', { kind: 'person', name: { full: 'Jean Tremblay' }, department: 'housing' });
  await env.api('supervisor', 'POST', `/v1/parties/${id}/relationships`, { kind: 'spouse', toPartyId: spouse.id });
  await env.api('supervisor', 'POST', `/v1/parties/${id}/consents`, { purpose: 'appointment-reminders', channel: 'sms' });
  await env.api('supervisor', 'POST', `/v1/parties/${id}/consents/withdrawals`, { purpose: 'appointment-reminders', channel: 'sms', reason: 'changed phone' });
  await env.api('supervisor', 'POST', `/v1/parties/${id}/consents`, { purpose: 'newsletter', channel: 'email' });
  const now = Date.now();
  await env.api('supervisor', 'POST', '/v1/correspondence', {
    partyIds: [id], channel: 'letter', subject: 'Complaint about damp in the flat', receivedAt: iso(now - 30 * DAY), dueAt: iso(now - 2 * DAY), department: 'housing',
  });
  await env.api('supervisor', 'POST', '/v1/correspondence', {
    partyIds: [id], channel: 'email', subject: 'Request for a repairs visit', receivedAt: iso(now - 5 * DAY), dueAt: iso(now + DAY), department: 'housing',
  });
  let amendedId = '';
  for (let n = 0; n < interactions; n++) {
    const r = await env.api<{ id: string }>('supervisor', 'POST', '/v1/interactions', {
      channel: CHANNELS[n % CHANNELS.length], direction: n % 3 === 0 ? 'outbound' : 'inbound', occurredAt: iso(now - (n + 1) * DAY), partyIds: [id],
      department: 'housing', topics: [n % 2 ? 'repairs' : 'rent'], summary: `Contact number ${n + 1}`, confidentiality: 'normal',
    });
    if (n === 0) amendedId = r.id;
  }
  const last = await env.api<{ position: number }>('supervisor', 'POST', `/v1/interactions/${amendedId}/amendments`, { changes: { summary: 'Contact number 1, boiler leaking' }, reason: 'wrong words' });
  // Read-your-writes before the browser looks: wait until the read models include the last write.
  await env.api('supervisor', 'GET', `/v1/parties/${id}`, undefined, { 'X-Min-Position': String(last.position) });
  return { id, spouseId: spouse.id, amendedId, registeredAt };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
