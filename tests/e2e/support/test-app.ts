import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppConfig, loadConfig } from '@civic-ledger/config';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { createApp } from '../../../apps/api/src/bootstrap';
import { mintLocalToken } from '@civic-ledger/composition';
import { Role, ROLES } from '@civic-ledger/application';
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

/** Departments the scenario suites record for; the default staff tokens work for all of them. */
export const TEST_DEPARTMENTS = ['housing', 'waste', 'benefits', 'social-care'];

type Http = Pick<ReturnType<typeof request>, 'get' | 'post' | 'delete' | 'put' | 'patch'>;

/**
 * Which staff member makes a request in the scenario suites: the one whose job it is (auditors audit,
 * privacy officers erase, supervisors do the rest). The role matrix itself is tested on its own in
 * tests/e2e/access-control.e2e-spec.ts; a test can always override with .set('Authorization', …).
 */
export function roleForRequest(path: string): Role {
  if (path.startsWith('/v1/audit')) return 'auditor';
  if (/\/(erasure|legal-holds)(\/|$|\?)/.test(path)) return 'privacy-officer';
  if (/\/(export|changes)(\?|$)/.test(path) || /[?&](asOf|occurredBy)=/.test(path)) return 'auditor';
  return 'supervisor';
}

/** `Bearer …` for a staff member of the embedded issuer (sub defaults to `<role>-1`). */
export async function bearer(config: AppConfig, role: Role, departments: readonly string[] = TEST_DEPARTMENTS, sub = `${role}-1`): Promise<string> {
  return `Bearer ${await mintLocalToken(config, { sub, role, departments })}`;
}

/** Bearer headers for every role, for tests that talk to a server process in `dataDir`. */
export async function staffHeaders(dataDir: string): Promise<Record<Role, { authorization: string }>> {
  const config = loadConfig({ DATA_DIR: dataDir });
  const entries = await Promise.all(ROLES.map(async (role) => [role, { authorization: await bearer(config, role) }] as const));
  return Object.fromEntries(entries) as Record<Role, { authorization: string }>;
}

export interface TestApp {
  app: INestApplication;
  /** supertest, each request carrying the token of the staff member whose job it is (roleForRequest). */
  http: Http;
  /** supertest without any token. */
  anonymous: ReturnType<typeof request>;
  config: AppConfig;
  /** A bearer header value for a role (departments default to TEST_DEPARTMENTS). */
  token(role: Role, departments?: readonly string[], sub?: string): Promise<string>;
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
  const anonymous = request(app.getHttpServer());
  const tokens = new Map<Role, string>(await Promise.all(ROLES.map(async (role) => [role, await bearer(config, role)] as const)));
  const as = (path: string) => tokens.get(roleForRequest(path)) as string;
  const http: Http = {
    get: (path: string) => anonymous.get(path).set('Authorization', as(path)),
    post: (path: string) => anonymous.post(path).set('Authorization', as(path)),
    delete: (path: string) => anonymous.delete(path).set('Authorization', as(path)),
    put: (path: string) => anonymous.put(path).set('Authorization', as(path)),
    patch: (path: string) => anonymous.patch(path).set('Authorization', as(path)),
  };
  return {
    app,
    http,
    anonymous,
    config,
    token: (role, departments, sub) => bearer(config, role, departments, sub),
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

/** The reason scenarios give when a contact is recorded for a department that does not hold the party yet. */
export const BREAK_GLASS = { reason: 'Citizen at the counter of another department' };

export const letter = (partyIds: string[], extra: Record<string, unknown> = {}) => ({
  partyIds, channel: 'letter', subject: 'Complaint about missed collection', receivedAt: '2024-03-02T09:00:00Z',
  dueAt: '2024-03-22T17:00:00Z', department: 'waste', breakGlass: BREAK_GLASS, ...extra,
});
