import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `vite build` puts the web console (see console/README.md). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

/** Paths the console never answers: the API and the operational endpoints keep their own 404s. */
const RESERVED = /^\/(v1|docs|openapi\.json|health|ready|metrics)(\/|$|\?)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.glb': 'model/gltf-binary',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Talkbase</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>Talkbase is running</h1><p>The web console has not been built yet: run <code>npm run build:console</code>
(<code>npm install</code> and <code>npm start</code> do it for you) and reload.</p>
<p>The API reference is at <a href="/docs">/docs</a>.</p></body></html>`;

/**
 * Serves the built web console at `/`: hashed assets under /assets/ are cached for a year, everything else
 * (index.html and any console path, which the console's router resolves) is revalidated on every load.
 */
export function consoleRoutes(distDir: string = CONSOLE_DIST) {
  const root = path.resolve(distDir);
  const indexFile = path.join(root, 'index.html');

  function sendFile(reply: FastifyReply, file: string, immutable: boolean) {
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    return reply.type(type).send(fs.createReadStream(file));
  }

  return async function register(app: FastifyInstance) {
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const urlPath = request.url.split('?')[0]!;
      if (RESERVED.test(urlPath)) return reply.callNotFound();
      let decoded: string;
      try {
        decoded = decodeURIComponent(urlPath);
      } catch {
        return reply.callNotFound();
      }
      const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
      if (file !== root && !file.startsWith(root + path.sep)) return reply.callNotFound();
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat?.isFile()) return sendFile(reply, file, urlPath.startsWith('/assets/'));
      // A missing file (it has an extension) is a 404; any other path is a console page.
      if (path.posix.extname(urlPath) !== '') return reply.callNotFound();
      if (!fs.existsSync(indexFile)) {
        return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(NOT_BUILT);
      }
      return sendFile(reply, indexFile, false);
    });
  };
}
