import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '@civic-ledger/config';
import { MongoReadModelSets } from '@civic-ledger/read-models';
import { VIEWS_FILE } from '../../../api/src/infrastructure/ledger-stores';
import { printJson, printLines } from '../cli-output';

interface SetInfo { name: string; live: boolean }

async function listSets(): Promise<SetInfo[]> {
  const config = loadConfig();
  if (config.readStore === 'mongo') {
    const sets = MongoReadModelSets.connect(config.mongodbUrl as string);
    try {
      return (await sets.list()).map((s) => ({ name: s.prefix, live: s.active }));
    } finally {
      await sets.close();
    }
  }
  return readdirSync(config.dataDir).filter((f) => /^read-models(\.[a-z]+-\d+)?\.sqlite$/.test(f)).map((f) => ({ name: f, live: f === VIEWS_FILE }));
}

async function dropSet(name: string): Promise<void> {
  const config = loadConfig();
  if (config.readStore === 'mongo') {
    const sets = MongoReadModelSets.connect(config.mongodbUrl as string);
    try {
      await sets.drop(name);
    } finally {
      await sets.close();
    }
    return;
  }
  if (name === VIEWS_FILE) throw new Error(`${name} is the live read-model set; it cannot be dropped.`);
  if (!/^read-models\.[a-z]+-\d+\.sqlite$/.test(name)) throw new Error(`${name} is not a read-model set; run "civic-ledger read-models list".`);
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
  return command;
}
