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
 * Logs each answered request once, in the shape pino-http wrote (id, method, path without the query,
 * status, time; 5xx at error level): never a body, a header or a query string, which can carry
 * personal data. A Fastify hook writing a prepared JSON line rather than pino-http middleware: no child
 * logger, no async context and no generic serialisation per request, nothing when the level is above it.
 */
export function registerRequestLog(fastify: FastifyInstance, level: LogLevel, sink: LineSink): void {
  const threshold = LEVEL_VALUES[level];
  if (threshold > 50) return;
  const host = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())},"req":{"id":`;
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const statusCode = reply.statusCode;
    const severity = statusCode >= 500 ? 50 : 30;
    if (severity >= threshold) {
      sink.write(`{"level":${severity},"time":${Date.now()}${host}${JSON.stringify(req.id)},"method":${JSON.stringify(req.method)},"path":${JSON.stringify(pathOf(req))}},`
        + `"service":"civic-ledger","res":{"statusCode":${statusCode}},"responseTime":${Math.round(reply.elapsedTime)},"msg":"request completed"}\n`);
    }
    done();
  });
}
