/**
 * helmet's security headers, worked out once at start and set on every answer by one hook. @fastify/helmet
 * builds helmet's middleware anew for every request (its options checked, the CSP directives parsed and
 * joined again): ~14% of the server's time on a cached answer (issue 14, point 7). With options that do not
 * depend on the request (no CSP nonces, no directive functions) helmet sets the same headers on every
 * response, so they are asked of @fastify/helmet itself, on a throwaway instance, and replayed: the same
 * headers, from the same library and options, for every request the hook sees (404s, errors and 429s too,
 * as helmet's own onRequest hook did).
 */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/** The headers @fastify/helmet sets with these options (names in lower case, as Fastify keeps them). */
export async function helmetHeaders(
  options: FastifyHelmetOptions,
): Promise<Readonly<Record<string, string>>> {
  if (options.enableCSPNonces) throw new Error('CSP nonces differ per request: use @fastify/helmet itself');
  const probe = Fastify();
  await probe.register(helmet, options);
  let headers: Record<string, string> = {};
  // Runs right after helmet's hooks, before anything else has set a header.
  probe.addHook('onRequest', async (_request, reply) => {
    headers = Object.fromEntries(
      Object.entries(reply.getHeaders()).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name.toLowerCase(), value]] : [],
      ),
    );
  });
  probe.get('/', async () => '');
  await probe.inject('/');
  await probe.close();
  if (Object.keys(headers).length === 0) throw new Error('helmet set no header');
  return Object.freeze(headers);
}

/** Sets helmet's headers (for `options`) on every answer of `app`. */
export async function installHelmetHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
