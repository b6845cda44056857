/**
 * A unit's diagnosis (issue 15): the API's own profile, read in-process (Fastify inject, so the same
 * validation, answer cache and problems apply and the profile's inside may change freely), judged by
 * domain/report. Bad input becomes a problem here, before any document is built: unknown unit or area, a
 * year without data, an empty set. The report (src/reports) builds on this too.
 */
import type { FastifyInstance } from 'fastify';
import { diagnose, type Diagnosis } from '../domain/report/diagnosis.js';
import type { CatalogueFacts, UnitProfile } from '../domain/report/profile.js';
import type { Lang } from '../domain/number-words.js';
import { inProcessHeaders } from './plugins/client-limits.js';
import { ApiProblem, type Problem } from './problem.js';

export interface DiagnosisRequest {
  readonly teryt: string;
  readonly year?: number | undefined;
  readonly against?: string | undefined;
  readonly areas?: readonly string[] | undefined;
  readonly lang?: Lang | undefined;
  readonly release?: number | undefined;
  /** The client the request is made for (per-client quotas count the person, not the server). */
  readonly client?: string | undefined;
}

export interface LoadedDiagnosis {
  readonly profile: UnitProfile;
  readonly diagnosis: Diagnosis;
}

export const parseAreas = (text: string | undefined): string[] | undefined =>
  text === undefined ? undefined : [...new Set(text.split(','))];

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
export async function loadDiagnosis(
  app: FastifyInstance,
  facts: CatalogueFacts,
  request: DiagnosisRequest,
): Promise<LoadedDiagnosis> {
  // An area id from before the areas were merged (saved links, sets) names the area it went into.
  const formerly = new Map(facts.areas.flatMap((a) => (a.formerIds ?? []).map((f) => [f, a.id] as const)));
  if (request.areas)
    request = { ...request, areas: [...new Set(request.areas.map((a) => formerly.get(a) ?? a))] };
  const known = new Set(facts.areas.map((a) => a.id));
  const unknown = (request.areas ?? []).filter((a) => !known.has(a));
  if (unknown.length > 0) {
    throw new ApiProblem(
      404,
      'area-not-found',
      {
        pl: `Nie ma obszaru ${unknown.join(', ')}. Obszary: ${[...known].join(', ')}.`,
        en: `There is no area ${unknown.join(', ')}. Areas: ${[...known].join(', ')}.`,
      },
      'areas',
    );
  }
  const query = new URLSearchParams();
  if (request.year !== undefined) query.set('year', String(request.year));
  if (request.against !== undefined) query.set('against', request.against);
  if (request.release !== undefined) query.set('release', String(request.release));
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/units/${encodeURIComponent(request.teryt)}/profile?${query}`,
    headers: { accept: 'application/json', ...inProcessHeaders(request.client) },
  });
  if (response.statusCode !== 200) {
    const problem = response.json() as Partial<Problem>;
    throw new ApiProblem(
      response.statusCode,
      problem.code ?? 'profile-failed',
      problem.message ?? { pl: 'Nie udało się odczytać profilu.', en: 'The profile could not be read.' },
      problem.param,
    );
  }
  const profile = response.json() as UnitProfile;
  const wanted = request.areas ? new Set(request.areas) : null;
  const items = profile.items.filter((i) => wanted === null || wanted.has(i.indicator.area));
  if (items.length === 0) {
    throw new ApiProblem(
      404,
      'no-indicators',
      {
        pl: `Wybrane obszary nie mają wskaźników dla jednostki ${profile.unit.name} (szczebel: ${profile.unit.level}).`,
        en: `The chosen areas have no indicators for ${profile.unit.name} (level: ${profile.unit.level}).`,
      },
      wanted ? 'areas' : 'teryt',
    );
  }
  if (request.year !== undefined && items.every((i) => i.set === null)) {
    throw new ApiProblem(
      404,
      'year-without-data',
      {
        pl: `Wydanie nie ma danych tych wskaźników za ${request.year} r.: wybierz inny rok.`,
        en: `The release has no data of these indicators for ${request.year}: choose another year.`,
      },
      'year',
    );
  }
  const sets = items.flatMap((i) => (i.set ? [i.set] : []));
  if (sets.length > 0 && sets.every((s) => s.members === 0)) {
    const message = sets[0]?.message;
    throw new ApiProblem(
      400,
      'empty-set',
      {
        pl: `Zbiór odniesienia jest pusty${message ? `: ${message.pl}` : ''}. Wybierz inny zbiór.`,
        en: `The reference set is empty${message ? `: ${message.en}` : ''}. Choose another set.`,
      },
      'against',
    );
  }
  const diagnosis = diagnose({
    profile,
    catalogue: facts,
    lang: request.lang ?? 'pl',
    year: request.year ?? null,
    ...(request.areas ? { areas: request.areas } : {}),
  });
  return { profile, diagnosis };
}
