/**
 * After the server listens, it renders one unit page and one indicator page for itself, in the background:
 * the first of them loads the benchmark context of the live release (units, sets, every indicator's
 * values: about a second), the second projects the gminy map (a few hundred milliseconds). Without it the
 * first visitor of a fresh server waits for both (measured: 2.5 s for a unit page, 5.4 s for an indicator
 * page, against 0.05 s and 0.3 s warm).
 */
import type { FastifyInstance } from 'fastify';

export async function warmUpPortal(app: FastifyInstance): Promise<{ ms: number; pages: string[] }> {
  const started = performance.now();
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const pages: string[] = [];
  const units = await get('/api/v1/units?level=gmina&pageSize=1');
  const unit = (units.json() as { items?: Array<{ code: string }> }).items?.[0]?.code;
  if (unit) pages.push(`/jst/${unit}`);
  const available = await get('/api/v1/indicators?available=true&level=gmina');
  const indicator = (available.json() as { items?: Array<{ id: string }> }).items?.[0]?.id;
  if (indicator) pages.push(`/wskaznik/${indicator}?poziom=gmina`);
  for (const url of pages) await get(url);
  return { ms: Math.round(performance.now() - started), pages };
}
