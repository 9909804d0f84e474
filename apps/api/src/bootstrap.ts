import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { LedgerOptions, requestId } from '@civic-ledger/composition';
import { API_CONTROLLERS, AppModule, LOG_DESTINATION } from './app.module';
import { registerJsonBody } from './http/json-body';
import { registerMethodNotAllowed } from './http/method-not-allowed';
import { LineSink, registerRequestLog } from './http/request-log';
import { sendProblem, toProblem } from './http/problem-details.filter';
import { apiHeaders, helmetHeaders, registerSecurityHeaders } from './http/security-headers';
import { createApiDocument } from './openapi/api-document';

/** Express's routing, kept: paths match case-insensitively and with or without a trailing slash. */
const ROUTER_OPTIONS = { caseSensitive: false, ignoreTrailingSlash: true };

/**
 * The API on Fastify (ADR 0004), initialised and ready: routes, hooks and plugins are all registered,
 * so `app.getHttpServer()` serves supertest as it is and `app.listen()` only binds the port.
 */
export async function createApp(config: AppConfig, options: LedgerOptions = { runProjector: true }): Promise<NestFastifyApplication> {
  // Security headers by kind of response (ADR 0018): the JSON API's, the console's page and files, the Swagger UI's.
  // Browsers are told to upgrade insecure requests only behind
  // TLS: on plain HTTP that would send the console's scripts to https. The console's OIDC sign-in fetches the
  // issuer's discovery document and token endpoint from the browser.
  const issuer = config.console.oidc ? [new URL(config.console.oidc.issuer).origin] : [];
  const upgradeInsecureRequests = config.behindTls ? [] : null;
  const headers = {
    api: apiHeaders(),
    console: helmetHeaders({ contentSecurityPolicy: { directives: { upgradeInsecureRequests, connectSrc: ["'self'", ...issuer] } } }),
    // The Swagger UI loads its own scripts and styles from /docs and sets inline styles: helmet's default policy allows that.
    docs: helmetHeaders({ contentSecurityPolicy: { directives: { upgradeInsecureRequests } } }),
  };
  const adapter = new FastifyAdapter({
    routerOptions: ROUTER_OPTIONS, bodyLimit: config.bodyLimitBytes, genReqId: requestId, requestIdHeader: false,
    // A URL Fastify cannot decode is answered before any hook runs: as a problem, with the API's headers.
    frameworkErrors: (error: Error, _req: FastifyRequest, reply: FastifyReply) => sendProblem(reply.headers(headers.api), toProblem(error)),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('principal', null);
  registerRequestLog(fastify, config.logLevel, app.get<LineSink>(LOG_DESTINATION));
  registerJsonBody(fastify, config.bodyLimitBytes);
  registerSecurityHeaders(fastify, headers);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins], exposedHeaders: ['ETag', 'Location', 'X-Ledger-Position', 'Idempotent-Replayed'] });
  const document = createApiDocument(app, API_CONTROLLERS);
  registerMethodNotAllowed(fastify, document.paths as Record<string, Record<string, unknown>>);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  await app.init();
  await fastify.ready();
  return app;
}

export async function startServer(config: AppConfig, options: LedgerOptions = { runProjector: true }): Promise<NestFastifyApplication> {
  const app = await createApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
