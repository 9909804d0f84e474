import { ChildProcess, spawn } from 'node:child_process';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * `serve` without `--api-only`: the worker (projector, Kafka relay, checkpoints) runs as a child process
 * (`civic-ledger worker`), so its read-model commits and relay batches never take the API's event loop.
 * It logs to the same stdout/stderr. A signal to `serve` reaches the worker once (it runs in its own
 * process group, so a terminal's Ctrl-C is not delivered twice); `serve` exits only after both have shut
 * down cleanly. If the worker dies on its own, `serve` shuts down with exit code 1, so whatever supervises
 * it restarts both; if `serve` dies, the worker sees its IPC channel close and stops.
 */
export function runWorkerBeside(launcher: string): ChildProcess {
  const worker = spawn(process.execPath, [launcher, 'worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
  let stopping = false;
  worker.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`civic-ledger: the worker process stopped (${signal ?? `exit code ${code}`}); shutting down\n`);
    process.exitCode = 1;
    process.kill(process.pid, 'SIGTERM');
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      // First delivery: pass it on; the API's own shutdown hooks run meanwhile and re-raise the signal when done.
      stopping = true;
      if (worker.exitCode === null && worker.signalCode === null) worker.kill(signal);
      return;
    }
    // Second delivery (the API has shut down): leave once the worker has too.
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    const leave = () => process.kill(process.pid, signal);
    if (worker.exitCode !== null || worker.signalCode !== null) leave();
    else worker.once('exit', leave);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return worker;
}
