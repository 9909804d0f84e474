import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { interaction, person, readStoreVariants, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');

/** Every file under `dir` holding `needle` (bytes, case-insensitive ASCII). */
function filesContaining(dir: string, needle: string): string[] {
  const lower = Buffer.from(needle.toLowerCase());
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesContaining(path, needle).map((f) => `${name}/${f}`);
    const folded = Buffer.from(readFileSync(path).map((b) => (b >= 65 && b <= 90 ? b + 32 : b)));
    return folded.includes(lower) ? [name] : [];
  });
}

/** Every MongoDB collection of the database (all read-model sets, the key vault, metadata) holding `needle`. */
async function collectionsContaining(url: string, needle: string): Promise<string[]> {
  const client = new MongoClient(url);
  try {
    const db = client.db();
    const hits: string[] = [];
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      const docs = await db.collection(name).find({}).toArray();
      if (JSON.stringify(docs).toLowerCase().includes(needle.toLowerCase())) hits.push(name);
    }
    return hits;
  } finally {
    await client.close();
  }
}

/** Erasure reaches the read-model sets a blue/green rebuild keeps (docs/privacy.md, "Erasure and kept read-model sets"). */
describe.each(readStoreVariants())('erasure after a rebuild (%s)', (_variant, env) => {
  const mongo = env.READ_STORE === 'mongo';
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(env); });
  afterAll(async () => t?.close());
  const cli = async (...args: string[]) => run(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } });
  const holding = async (secret: string): Promise<string[]> => [
    ...filesContaining(t.dataDir, secret),
    ...(mongo ? await collectionsContaining(env.MONGODB_URL, secret) : []),
  ];

  it('leaves the erased person in clear in no set: live, previous or unswapped rebuild', async () => {
    const secrets = {
      name: 'Perpetua Keptset-Quill', email: 'perpetua@keptset.example', phone: '+442079460958', identifier: 'PKQ-550173', summary: 'Perpetua mentioned her Tasmanian lodger',
    };
    const created = await t.http.post('/v1/parties').send(person(secrets.name, {
      contactPoints: [{ kind: 'email', value: secrets.email }, { kind: 'phone', value: secrets.phone }],
      identifiers: [{ scheme: 'client-number', value: secrets.identifier }],
    })).expect(201);
    const id = created.body.id as string;
    const recorded = await t.http.post('/v1/interactions').send(interaction([id], { summary: secrets.summary })).expect(201);
    await t.http.get(`/v1/parties/${id}`).set('X-Min-Position', recorded.headers['x-ledger-position']).expect(200);

    // A rebuild switches sets and keeps the previous one; a second, unswapped rebuild is kept too. The
    // server is restarted to serve from the new set, as the rebuild tells operators.
    await t.app.close();
    const swapped = JSON.parse((await cli('rebuild', '--json')).stdout) as { previous: string; rebuilt: string };
    const unswapped = JSON.parse((await cli('rebuild', '--json', '--no-swap')).stdout) as { rebuilt: string };
    t = await startTestApp({ ...env, DATA_DIR: t.dataDir });
    const kept = [swapped.previous, unswapped.rebuilt];
    const before = await holding('Tasmanian lodger');
    // Sanity: the kept sets hold the person before the erasure (file names or collection prefixes).
    for (const set of kept) expect({ set, holds: before.some((where) => where.startsWith(set)) }).toEqual({ set, holds: true });

    await t.http.post(`/v1/parties/${id}/erasure`).send({ legalBasis: 'GDPR art. 17' }).expect(201);
    const erased = await t.http.post(`/v1/parties/${id}/erasure/completion`).send({}).expect(200);
    await t.http.get(`/v1/parties/${id}`).set('X-Min-Position', erased.headers['x-ledger-position']).expect(200);

    for (const secret of Object.values(secrets)) expect({ secret, holding: await holding(secret) }).toEqual({ secret, holding: [] });
    // The sets are still there for a rollback, redacted like the live one.
    const sets = JSON.parse((await cli('read-models', 'list', '--json')).stdout) as { name: string }[];
    expect(sets.map((s) => s.name)).toEqual(expect.arrayContaining(kept));
  });
});
