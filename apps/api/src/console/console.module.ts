import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problem } from '../http/problem-details';

/** The repository (or image) root: the nearest folder above this file with a package.json. */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the console (dist/apps/console), from sources and from dist alike. */
export const CONSOLE_DIR = join(packageRoot(__dirname), 'dist', 'apps', 'console');
const DIR = Symbol('CONSOLE_DIR');

/** Hashed asset names never change content: cached for a year; everything else is revalidated. */
function cacheHeaders(reply: FastifyReply, path: string): void {
  reply.header('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The staff console's static files at /console (@fastify/static, a route per built file), and index.html
 * for its client routes (/console/parties/…). A missing asset is a 404, never index.html. These routes sit
 * beside Nest's, outside its guards: they serve the same files to everyone. Without a built console (tests
 * that run the API from sources before `npm run build`) nothing is served there.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost, @Inject(DIR) private readonly dir: string) {}

  static forRoot(dir: string = CONSOLE_DIR): DynamicModule {
    if (!existsSync(join(dir, 'index.html'))) return { module: NoConsoleModule };
    return { module: ConsoleModule, providers: [{ provide: DIR, useValue: dir }] };
  }

  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    const index = readFileSync(join(this.dir, 'index.html'));
    void fastify.register(fastifyStatic, { root: this.dir, prefix: '/console/', wildcard: false, index: false, setHeaders: cacheHeaders });
    const page = (_req: unknown, reply: FastifyReply) => reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(index);
    fastify.get('/console', page);
    fastify.get('/console/*', (req, reply) => {
      // Routes match case-insensitively (ADR 0015), so a missing asset is told apart the same way.
      if (!req.url.toLowerCase().startsWith('/console/assets/')) return page(req, reply);
      return reply.code(404).type('application/problem+json; charset=utf-8')
        .send({ ...problem(404, 'ROUTE.NOT_FOUND', 'No such file in the console.'), instance: req.url.split('?')[0] });
    });
  }
}

@Module({})
class NoConsoleModule {}
