import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@civic-ledger/event-store';
import { EncryptingEventStore, LocalKeyWrapper, SqliteKeyVault } from '@civic-ledger/privacy';
import { envelope } from './ledger-fixture';
import { now } from './stats';

const OCCURRED = '2024-01-01T00:00:00.000Z';

async function workload(store: EventStore, parties: number, interactionsPerParty: number) {
  const ids = Array.from({ length: parties }, () => randomUUID());
  let t0 = now();
  for (const partyId of ids) {
    await store.append(`party-${partyId}`, [envelope('PartyRegistered', { partyId, kind: 'person', name: { full: `Person ${partyId.slice(0, 8)}`, given: 'Person' }, birthDate: '1980-02-03' }, OCCURRED)], 'no_stream');
  }
  const registrations = (parties / (now() - t0)) * 1000;
  t0 = now();
  for (let i = 0; i < parties * interactionsPerParty; i += 1) {
    const interactionId = randomUUID();
    await store.append(`interaction-${interactionId}`, [envelope('InteractionRecorded', {
      interactionId, partyIds: [ids[i % parties]], channel: 'phone', direction: 'inbound', occurredAt: OCCURRED, department: 'housing', topics: ['rent'],
      summary: 'Asked about the status of an application and about support with rent arrears.', confidentiality: 'normal',
    }, OCCURRED)], 'no_stream');
  }
  const interactions = ((parties * interactionsPerParty) / (now() - t0)) * 1000;
  t0 = now();
  let read = 0;
  for (let position = 0; ;) {
    const page = await store.readAll({ fromPosition: position, limit: 1000 });
    if (page.length === 0) break;
    read += page.length;
    position = page[page.length - 1].position;
  }
  const reads = (read / (now() - t0)) * 1000;
  return { registrations, interactions, reads };
}

/** Field encryption's cost: the same appends and reads on the embedded store with and without sealing. */
export async function encryptionOverhead(dir: string, parties: number, interactionsPerParty: number) {
  const plainStore = new SqliteEventStore(join(dir, 'privacy-plain.sqlite'));
  const plain = await workload(plainStore, parties, interactionsPerParty);
  await plainStore.close();
  const sealedStore = new EncryptingEventStore(new SqliteEventStore(join(dir, 'privacy-sealed.sqlite')), new SqliteKeyVault(join(dir, 'privacy-keys.sqlite'), new LocalKeyWrapper(randomBytes(32))));
  const sealed = await workload(sealedStore, parties, interactionsPerParty);
  await sealedStore.close();
  return { plain, sealed };
}
