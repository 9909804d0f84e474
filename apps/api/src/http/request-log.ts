import { hostname } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LogLevel } from '@civic-ledger/config';
import { pathOf } from './request-path';

/** Where log lines go (a pino destination, shared with the application logs so lines never interleave). */
export interface LineSink {
  write(line: string): unknown;
}

const LEVEL_VALUES: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * Lines of one event-loop turn go to the sink as one write (a busy server answers dozens of requests per turn): a
 * write per line cost a request about a quarter of its CPU time (pino's destination measures and appends to its
 * buffer on each call). Pending lines are written when the server closes.
 */
class TurnBatch {
  private lines: string[] = [];
  constructor(private readonly sink: LineSink) {}

  add(line: string): void {
    if (this.lines.length === 0) setImmediate(this.flush);
    this.lines.push(line);
  }

  readonly flush = (): void => {
    if (this.lines.length === 0) return;
    const text = this.lines.length === 1 ? this.lines[0] : this.lines.join('');
    this.lines = [];
    this.sink.write(text);
  };
}

/**
 * Logs each answered request once, in the shape pino-http wrote (id, method, path without the query,
 * status, time; 5xx at error level): never a body, a header or a query string, which can carry
 * personal data. A Fastify hook writing a prepared JSON line rather than pino-http middleware: no child
 * logger, no async context and no generic serialisation per request, nothing when the level is above it.
 */
export function registerRequestLog(fastify: FastifyInstance, level: LogLevel, sink: LineSink): void {
  const threshold = LEVEL_VALUES[level];
  if (threshold > 50) return;
  const batch = new TurnBatch(sink);
  fastify.addHook('onClose', (_instance, done) => {
    batch.flush();
    done();
  });
  const host = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"req":{"id":`;
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const statusCode = reply.statusCode;
    const severity = statusCode >= 500 ? 50 : 30;
    if (severity >= threshold) {
      batch.add(`{"level":${severity},"time":${Date.now()}${host}${JSON.stringify(req.id)},"method":${JSON.stringify(req.method)},"path":${JSON.stringify(pathOf(req))}},`
        + `"service":"civic-ledger","res":{"statusCode":${statusCode}},"responseTime":${Math.round(reply.elapsedTime)},"msg":"request completed"}\n`);
    }
    done();
  });
}
