import { join } from 'node:path';
import { Consumer } from 'kafkajs';
import { ContractValidator } from '../../examples/kafka-consumer/contract-validator';
import { FeedMessage, LocalCopy, startFeedConsumer } from '../../examples/kafka-consumer/feed-consumer';
import { KafkaBroker, startKafkaBroker } from '../infra/kafka-broker';
import { javaServersAvailable } from '../infra/require-java';
import { BREAK_GLASS, interaction, letter, person, startTestApp, TestApp } from './support/test-app';
// Messages reaching a Kafka consumer announce no ledger position to the test: polled.
import { until } from './support/until';

const suite = javaServersAvailable('Kafka feed e2e') ? describe : describe.skip;

/** The integration feed against a real Apache Kafka broker (KRaft, single node). */
suite('Kafka integration feed', () => {
  let broker: KafkaBroker;
  let t: TestApp;
  let copy: LocalCopy;
  let consumer: Consumer;
  let reader: Consumer | undefined;
  const validator = new ContractValidator(join(__dirname, '..', '..', 'libs', 'messaging', 'contracts'));
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    broker = await startKafkaBroker();
    t = await startTestApp({ KAFKA_BROKERS: broker.brokers });
  }, 120_000);
  afterAll(async () => {
    await consumer?.disconnect();
    await reader?.disconnect();
    await t?.close();
    await broker?.stop();
  });

  const post = async (path: string, body: object, status = 201) => {
    const res = await t.http.post(path).send(body);
    expect({ path, status: res.status, ...(res.status === status ? {} : { problem: res.body }) }).toEqual({ path, status });
    return res;
  };
  // Any published version of the type (v1 or v2).
  const ofType = (messages: FeedMessage[], type: string) => messages.filter((m) => new RegExp(`^civic-ledger\\.${type}\\.v\\d+$`).test(m.headers.ce_type));
  const byType = (type: string) => ofType(copy.received, type);

  it('publishes recorded events as valid CloudEvents on the right topics, keyed by party, in order', async () => {
    ids.zoe = (await post('/v1/parties', person('Zoë Feed', { birthDate: '1980-01-01', contactPoints: [{ kind: 'email', value: 'zoe@feed.example' }] }))).body.id;
    ids.other = (await post('/v1/parties', person('Olaf Other'))).body.id;
    await post('/v1/interactions', interaction([ids.zoe], { summary: 'Asked about rent' }));
    await post('/v1/interactions', interaction([ids.zoe], { summary: 'Safeguarding concern', confidentiality: 'sensitive', department: 'social-care', topics: ['safeguarding'], breakGlass: BREAK_GLASS }));
    ids.case = (await post('/v1/correspondence', letter([ids.zoe], { subject: 'Private complaint text' }))).body.id;
    await post(`/v1/correspondence/${ids.case}/acknowledge`, {}, 200);
    ({ copy, consumer } = await startFeedConsumer([broker.brokers], 'e2e-feed', validator));
    // Topics and partitions are consumed independently: wait for every message the checks below look at.
    await until(() => byType('PartyRegistered').length >= 2 && byType('InteractionRecorded').length >= 2
      && byType('CorrespondenceAcknowledged').length === 1 && byType('PartyProfile').length >= 3, 'the first events');

    expect(copy.invalid).toEqual([]);
    const registered = byType('PartyRegistered').find((m) => m.key === ids.zoe);
    expect(registered).toMatchObject({ topic: 'civic-ledger.party.v1', payload: { partyId: ids.zoe, kind: 'person' } });
    expect(registered?.headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/civic-ledger/party', ce_subject: ids.zoe, 'content-type': 'application/json' });
    expect(registered?.payload).not.toHaveProperty('birthDate');
    const calls = byType('InteractionRecorded');
    expect(calls.map((m) => [m.topic, m.key])).toEqual([['civic-ledger.interaction.v1', ids.zoe], ['civic-ledger.interaction.v1', ids.zoe]]);
    expect(calls[0].payload).toMatchObject({ summary: 'Asked about rent', confidentiality: 'normal' });
    expect(calls[1].payload).not.toHaveProperty('summary');
    expect(JSON.stringify(copy.received)).not.toContain('Private complaint text');
    expect(copy.profiles.get(ids.zoe)).toMatchObject({ name: { full: 'Zoë Feed' }, contactPoints: [{ kind: 'email', value: 'zoe@feed.example' }] });
    for (const topic of ['civic-ledger.party.v1', 'civic-ledger.interaction.v1']) {
      const positions = copy.received.filter((m) => m.topic === topic && m.key === ids.zoe).map((m) => Number(m.headers.ce_position));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('loses nothing and keeps per-party order across a broker crash; the API keeps recording meanwhile', async () => {
    await broker.kill();
    const during: string[] = [];
    for (let i = 0; i < 5; i += 1) during.push((await post('/v1/interactions', interaction([ids.other], { summary: `during outage ${i}` }))).body.id);
    await broker.restart();
    for (let i = 0; i < 5; i += 1) during.push((await post('/v1/interactions', interaction([ids.other], { summary: `after outage ${i}` }))).body.id);
    await until(() => during.every((id) => byType('InteractionRecorded').some((m) => m.payload?.interactionId === id)), 'events recorded during the outage', 90_000);
    const order = byType('InteractionRecorded').filter((m) => m.key === ids.other).map((m) => m.payload?.interactionId);
    expect(order).toEqual(during);
    expect(copy.invalid).toEqual([]);
  });

  it('resumes from its checkpoint after a restart, and erasure leaves a tombstone', async () => {
    const duplicatesBefore = copy.duplicates;
    const receivedBefore = copy.received.length;
    await t.app.close();
    t = await startTestApp({ KAFKA_BROKERS: broker.brokers, DATA_DIR: t.dataDir });
    await post(`/v1/parties/${ids.zoe}/erasure`, { legalBasis: 'GDPR art. 17' });
    await post(`/v1/parties/${ids.zoe}/erasure/completion`, {}, 200);
    const checkpoint = (await post('/v1/audit/checkpoints', {})).body;
    await until(() => byType('PartyErased').length === 1, 'the erasure');
    await until(() => byType('LedgerCheckpointSigned').some((m) => m.payload?.rootHash === checkpoint.rootHash), 'the signed checkpoint');
    await until(() => copy.received.some((m) => m.topic === 'civic-ledger.party-profile.v1' && m.key === ids.zoe && m.payload === null), 'the tombstone');
    expect(copy.profiles.has(ids.zoe)).toBe(false);
    // A clean restart resumes exactly at the checkpoint: nothing is published twice.
    expect(copy.duplicates).toBe(duplicatesBefore);
    // ErasureRequested is internal; PartyErased goes out with a tombstone for the profile; then the checkpoint.
    expect(copy.received.length - receivedBefore).toBe(3);
    expect(byType('PartyRegistered').filter((m) => m.key === ids.zoe)).toHaveLength(1);
  });

  it('sends nothing of a person erased while the broker was down: what it sends after the erasure is read after it', async () => {
    await broker.stop();
    const contact = { name: 'Hieronymus Outage-Plaintext', email: 'hieronymus@outage.example', phone: '+442079460958', identifier: 'HO-77812', summary: 'Hieronymus disclosed his rent arrears' };
    const id = (await post('/v1/parties', person(contact.name, { contactPoints: [{ kind: 'email', value: contact.email }, { kind: 'phone', value: contact.phone }] }))).body.id as string;
    await post(`/v1/parties/${id}/identifiers`, { scheme: 'client-number', value: contact.identifier });
    await post('/v1/interactions', interaction([id], { summary: contact.summary }));
    await post(`/v1/parties/${id}/erasure`, { legalBasis: 'GDPR art. 17' });
    await post(`/v1/parties/${id}/erasure/completion`, {}, 200);
    await broker.restart();

    // An independent reader of every topic from the beginning, once the erasure itself went out.
    const read = await startFeedConsumer([broker.brokers], `e2e-erased-${id}`, validator);
    reader = read.consumer;
    // Topics and partitions arrive independently: wait for the tombstone and for the registration itself.
    await until(() => read.copy.received.some((m) => m.key === id && m.payload === null)
      && ofType(read.copy.received.filter((m) => m.key === id), 'PartyRegistered').length > 0, 'the tombstone and the registration of the erased person', 120_000);
    const about = read.copy.received.filter((m) => m.key === id);
    const text = JSON.stringify(about);
    for (const plaintext of Object.values(contact)) expect(text).not.toContain(plaintext);
    expect(text).not.toContain('[erased]');
    expect(ofType(about, 'PartyRegistered')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ erased: true }) })]);
    expect(ofType(about, 'PartyProfile').map((m) => m.payload?.status)).not.toContain('active');
    expect(read.copy.invalid).toEqual([]);
  });
});
