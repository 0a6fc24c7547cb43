import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the built Angular app from the same port as the API: its files, `/`, and the SPA fallback for every
 * /voip/... route (the Angular router takes it from there). Plain Fastify routes: no API guard applies.
 */
export async function serveWebApp(fastify: FastifyInstance, root: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    // Otherwise @fastify/send's own "public, max-age=0" overwrites the cache-control set here and in sendIndex.
    cacheControl: false,
    setHeaders: (reply, path) => {
      // Hashed bundles never change; everything else is revalidated.
      const hashed = /-[A-Z0-9]{8,}\.(js|css)$/.test(path) || /\/media\//.test(path);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile('index.html');
  fastify.get('/', sendIndex);
  fastify.get('/voip', sendIndex);
  fastify.get('/voip/*', sendIndex);
}

/** The web app's build folder: WEB_DIST_PATH, or dist/apps/web/browser beside the API bundle or the cwd. */
export function findWebDist(configured: string | undefined): string | undefined {
  const candidates = configured
    ? [resolve(configured)]
    : [join(__dirname, '..', 'web', 'browser'), join(process.cwd(), 'dist', 'apps', 'web', 'browser')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}
