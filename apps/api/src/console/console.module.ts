import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/** The repository (or image) root: the nearest folder above this file with a package.json. */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the console (dist/apps/console), from sources and from dist alike. */
export const CONSOLE_DIR = join(packageRoot(__dirname), 'dist', 'apps', 'console');

/** Hashed asset names never change content: cached for a year; everything else (index.html) is revalidated. */
function cacheHeaders(res: { setHeader(name: string, value: string): void }, path: string): void {
  res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The staff console's static files at /console, and index.html for its client routes (/console/parties/…).
 * ServeStaticModule registers them on whichever HTTP adapter runs (Express or Fastify). A missing asset is
 * a 404, never index.html. Without a built console (tests that run the API from sources before `npm run build`) nothing is served there.
 */
@Module({})
export class ConsoleModule {
  static forRoot(dir: string = CONSOLE_DIR): DynamicModule {
    if (!existsSync(join(dir, 'index.html'))) return { module: ConsoleModule };
    return {
      module: ConsoleModule,
      imports: [ServeStaticModule.forRoot({ rootPath: dir, serveRoot: '/console', exclude: ['/console/assets/{*path}'], serveStaticOptions: { setHeaders: cacheHeaders } })],
    };
  }
}
