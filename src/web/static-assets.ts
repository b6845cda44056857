/**
 * The portal's static files: the style sheet `smup.css`, joined from web/static/css/*.css in name order
 * (one file per part of the portal, one request per page), and the compiled browser modules (web/client →
 * dist/client). Read once at start into memory; each URL carries the content's hash (`?v=`), so a browser
 * keeps a file for a year and fetches a new one as soon as it changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** src/web or dist/web: the repository root is two folders up either way. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FOLDERS = [join(ROOT, 'web', 'static'), join(ROOT, 'dist', 'client')];

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly hash: string;
}

const assets = new Map<string, Asset>();

const hashOf = (body: Buffer): string => createHash('sha256').update(body).digest('hex').slice(0, 12);

function load(): void {
  if (assets.size > 0) return;
  const cssFolder = join(ROOT, 'web', 'static', 'css');
  if (existsSync(cssFolder)) {
    const parts = readdirSync(cssFolder)
      .filter((name) => name.endsWith('.css'))
      .sort()
      .map((name) => readFileSync(join(cssFolder, name)));
    const body = Buffer.concat(parts);
    assets.set('smup.css', { body, type: TYPES['.css'] as string, hash: hashOf(body) });
  }
  for (const folder of FOLDERS) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const type = TYPES[extname(name)];
      if (!type) continue;
      const body = readFileSync(join(folder, name));
      assets.set(name, { body, type, hash: hashOf(body) });
    }
  }
}

/** `/static/smup.css?v=…`: the URL of a static file with its content hash (no hash if it is missing). */
export function assetUrl(name: string): string {
  load();
  const asset = assets.get(name);
  return asset ? `/static/${name}?v=${asset.hash}` : `/static/${name}`;
}

/** Whether a browser module was built (`npm run build` compiles web/client); pages work without it. */
export const hasAsset = (name: string): boolean => {
  load();
  return assets.has(name);
};

export async function installStaticAssets(app: FastifyInstance): Promise<void> {
  load();
  app.get<{ Params: { name: string }; Querystring: { v?: string } }>(
    '/static/:name',
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = assets.get(request.params.name);
      if (!asset) return reply.callNotFound();
      const etag = `"${asset.hash}"`;
      reply.header('etag', etag);
      reply.header(
        'cache-control',
        request.query.v === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type(asset.type).send(asset.body);
    },
  );
}
