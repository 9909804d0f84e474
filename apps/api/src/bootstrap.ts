import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@civic-ledger/config';
import { API_CONTROLLERS, AppModule } from './app.module';
import { methodNotAllowed } from './http/method-not-allowed';
import { createApiDocument } from './openapi/api-document';
import { LedgerOptions } from '@civic-ledger/composition';

export async function createApp(config: AppConfig, options: LedgerOptions = { runProjector: true }): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, options), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as { disable(setting: string): void; set(setting: string, value: unknown): void };
  http.disable('x-powered-by');
  http.disable('etag');
  http.set('query parser', 'simple');
  // Security headers; the Swagger UI page needs its scripts and styles, the JSON API needs nothing. Browsers are
  // told to upgrade insecure requests only behind TLS: on plain HTTP that would send the console's scripts to https.
  // The console's OIDC sign-in fetches the issuer's discovery document and token endpoint from the browser.
  const issuer = config.console.oidc ? [new URL(config.console.oidc.issuer).origin] : [];
  const strict = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.behindTls ? [] : null, connectSrc: ["'self'", ...issuer] } } });
  const docs = helmet({ contentSecurityPolicy: false });
  app.use((req: { path: string }, res: unknown, next: () => void) => ((req.path.startsWith('/docs') ? docs : strict) as (a: unknown, b: unknown, c: () => void) => void)(req, res, next));
  if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins], exposedHeaders: ['ETag', 'Location', 'X-Ledger-Position', 'Idempotent-Replayed'] });
  const document = createApiDocument(app, API_CONTROLLERS);
  app.use(methodNotAllowed(document.paths as Record<string, Record<string, unknown>>));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

export async function startServer(config: AppConfig, options: LedgerOptions = { runProjector: true }): Promise<INestApplication> {
  const app = await createApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}
