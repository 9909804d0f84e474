import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@civic-ledger/config';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { createApp } from '../../../apps/api/src/bootstrap';
import { EsdbFakeServer } from '../../infra/esdb-fake/esdb-fake.server';

/** The read stores the e2e scenarios run on: embedded always, MongoDB when a server is available. */
export function readStoreVariants(): [string, Record<string, string>][] {
  const variants: [string, Record<string, string>][] = [['embedded read models', {}]];
  const url = process.env.MONGODB_URL;
  if (url) variants.push(['MongoDB read models', { READ_STORE: 'mongo', MONGODB_URL: `${url}/cl_e2e_${randomUUID().slice(0, 8)}` }]);
  else process.stderr.write('\n*** MongoDB e2e variants SKIPPED: no MONGODB_URL and no test server (see tests/infra). ***\n');
  return variants;
}

/**
 * Env for running on EventStoreDB: a protocol-faithful test server (tests/infra/esdb-fake) of this
 * spec file's own, started before its tests (the URL is filled in then) and stopped after them.
 */
export function esdbTestServerEnv(): Record<string, string> {
  const env: Record<string, string> = { EVENT_STORE: 'esdb', EVENTSTORE_URL: '' };
  const server = new EsdbFakeServer();
  beforeAll(async () => {
    await server.start(0);
    env.EVENTSTORE_URL = server.url;
  });
  afterAll(() => server.stop());
  return env;
}

/** Every store combination the scenario suites run on: the read-store variants, and EventStoreDB as the event store. */
export function storeVariants(): [string, Record<string, string>][] {
  return [...readStoreVariants(), ['EventStoreDB event store (protocol test server)', esdbTestServerEnv()]];
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  events: EventStore;
  dataDir: string;
  close(): Promise<void>;
}

/** The real application on embedded stores in a temporary data directory. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cl-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", CHECKPOINT_INTERVAL_SECONDS: "0", ...env });
  const app = await createApp(config);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    events: app.get<EventStore>(EVENT_STORE),
    dataDir,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const person = (full = 'Zoë Núñez-García', extra: Record<string, unknown> = {}) => {
  const [given, ...rest] = full.split(' ');
  return { kind: 'person', name: { full, given, family: rest.join(' ') || undefined }, ...extra };
};

export const interaction = (partyIds: string[], extra: Record<string, unknown> = {}) => ({
  channel: 'phone', direction: 'inbound', occurredAt: '2024-03-01T10:00:00Z', partyIds, department: 'housing',
  topics: ['housing-benefit'], summary: 'Asked how to apply for housing benefit', satisfaction: 4, ...extra,
});

export const letter = (partyIds: string[], extra: Record<string, unknown> = {}) => ({
  partyIds, channel: 'letter', subject: 'Complaint about missed collection', receivedAt: '2024-03-02T09:00:00Z',
  dueAt: '2024-03-22T17:00:00Z', department: 'waste', ...extra,
});
