import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '@civic-ledger/config';
import { ensureQuarantine, listQuarantine, QuarantineEntry } from '@civic-ledger/read-models';
import { liveSqliteSet, mongoReadModelsAdapter } from '@civic-ledger/composition';
import { printJson, printLines } from '../cli-output';
import { openStores } from '../cli-stores';
import { describeRebuild, rebuildReadModels } from './rebuild.command';

interface SetInfo { name: string; live: boolean }

async function listSets(): Promise<SetInfo[]> {
  const config = loadConfig();
  if (config.readStore === 'mongo') {
    const sets = mongoReadModelsAdapter().MongoReadModelSets.connect(config.mongodbUrl as string);
    try {
      return (await sets.list()).map((s) => ({ name: s.prefix, live: s.active }));
    } finally {
      await sets.close();
    }
  }
  const live = liveSqliteSet(config.dataDir);
  return readdirSync(config.dataDir).filter((f) => /^read-models(\.[a-z]+-\d+)?\.sqlite$/.test(f)).map((f) => ({ name: f, live: f === live }));
}

async function dropSet(name: string): Promise<void> {
  const config = loadConfig();
  if (config.readStore === 'mongo') {
    const sets = mongoReadModelsAdapter().MongoReadModelSets.connect(config.mongodbUrl as string);
    try {
      await sets.drop(name);
    } finally {
      await sets.close();
    }
    return;
  }
  if (name === liveSqliteSet(config.dataDir)) throw new Error(`${name} is the live read-model set; it cannot be dropped.`);
  if (!/^read-models(\.[a-z]+-\d+)?\.sqlite$/.test(name)) throw new Error(`${name} is not a read-model set; run "civic-ledger read-models list".`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(config.dataDir, `${name}${suffix}`), { force: true });
}

/** Blue/green housekeeping: list read-model sets and drop the ones no longer needed. */
export function readModelSetsCommand(): Command {
  const command = new Command('read-models').description('list or drop read-model sets kept by blue/green rebuilds');
  command.command('list').option('--json', 'print as JSON').action(async (opts: { json?: boolean }) => {
    const sets = await listSets();
    if (opts.json) printJson(sets);
    else printLines(sets.map((s) => `${s.live ? '* ' : '  '}${s.name}${s.live ? '  (live)' : ''}`));
  });
  command.command('drop').argument('<set>', 'a set name from "read-models list"').action(async (name: string) => {
    await dropSet(name);
    printLines([`dropped ${name}`]);
  });
  command.addCommand(quarantineCommand());
  return command;
}

async function liveQuarantine(): Promise<QuarantineEntry[]> {
  const stores = await openStores();
  try {
    await ensureQuarantine(stores.views);
    return await listQuarantine(stores.views);
  } finally {
    await stores.close();
  }
}

function describeEntry(q: QuarantineEntry): string {
  return `${q.position}  ${q.streamId}@${q.revision}  ${q.eventType} (${q.eventId})  ${q.projection}: ${q.error.name}${q.error.message ? `: ${q.error.message}` : ''}`;
}

/** Dead letters of the live read-model set: list them, or retry them by rebuilding the read models. */
function quarantineCommand(): Command {
  const command = new Command('quarantine').description('events a read-model projection could not apply (stored events are never altered)');
  command.command('list').description('list the quarantined events of the live read-model set').option('--json', 'print as JSON').action(async (opts: { json?: boolean }) => {
    const entries = await liveQuarantine();
    if (opts.json) printJson(entries);
    else printLines(entries.length ? entries.map(describeEntry) : ['no quarantined events']);
  });
  command.command('retry')
    .description('project the quarantined events again, with every event of their streams in ledger order: rebuilds the read models into a fresh set (blue/green) and switches to it; what still fails stays quarantined')
    .option('--no-swap', 'only build and report; leave the live read models in place')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { swap: boolean; json?: boolean }) => {
      const before = await liveQuarantine();
      const summary = await rebuildReadModels(opts.swap);
      const still = new Set(summary.quarantined.map((q) => q.id));
      const resolved = before.filter((q) => !still.has(q.id));
      if (opts.json) printJson({ before: before.length, resolved: resolved.map((q) => q.id), quarantined: summary.quarantined, rebuild: summary });
      else printLines([`${resolved.length} of ${before.length} quarantined events now apply; ${summary.quarantined.length} remain quarantined`, ...describeRebuild(summary)]);
    });
  return command;
}
