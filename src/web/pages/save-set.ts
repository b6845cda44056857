/**
 * `POST /zestaw`: the compare page's "use these units as my reference set" form. It saves the units through
 * the public API (`POST /api/v1/sets`) and sends the browser (303) to the chosen unit's page compared with
 * that set (`/jst/{teryt}?porownaj=set:ID`), a permalink anyone can open. A plain HTML form: no JavaScript.
 */
import { UNIT_CODE } from '../../domain/units/teryt-code.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf, inProcessHeaders } from '../../api/plugins/client-limits.js';
import { MAX_SET_NAME } from '../../api/schemas/profile.js';
import { withLang } from '../layout.js';
import { PageError } from '../page-error.js';
import type { Lang } from '../format.js';

const CODE = UNIT_CODE;

export async function saveSetAction(request: FastifyRequest, reply: FastifyReply, lang: Lang): Promise<void> {
  const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
  const units = [
    ...new Set(
      form
        .getAll('jst')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim()),
    ),
  ].filter(Boolean);
  const name = (form.get('nazwa') ?? '').trim() || (lang === 'pl' ? 'Mój zestaw' : 'My set');
  const unit = (form.get('dla') ?? '').trim();
  if (!CODE.test(unit) || !units.includes(unit)) {
    throw new PageError(400, {
      pl: `Pole „dla”: wybierz jedną z jednostek zestawu (${units.join(', ') || 'brak'}); otrzymano „${unit}”.`,
      en: `Field "dla": choose one of the set's units (${units.join(', ') || 'none'}); got "${unit}".`,
    });
  }
  const answer = await request.server.inject({
    method: 'POST',
    url: '/api/v1/sets',
    // On behalf of the visitor: the saved-sets quota counts them, not the server (client-limits.ts).
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...inProcessHeaders(clientOf(request)),
    },
    payload: JSON.stringify({ name: name.slice(0, MAX_SET_NAME), units }),
  });
  const body = answer.json() as { id?: string; message?: { pl: string; en: string } };
  if (answer.statusCode >= 400 || !body.id) {
    // The API's status as it is (429 over the quota, 503 while the database is down), 400 for the rest.
    throw new PageError(
      answer.statusCode === 429 || answer.statusCode >= 500 ? answer.statusCode : 400,
      body.message ?? {
        pl: 'Nie udało się zapisać zestawu.',
        en: 'The set could not be saved.',
      },
      answer.headers['retry-after']?.toString(),
    );
  }
  await reply.redirect(withLang(`/jst/${unit}?porownaj=set:${body.id}`, lang), 303);
}
