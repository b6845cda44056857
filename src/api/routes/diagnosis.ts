/** `GET /units/{teryt}/diagnosis`: strong and weak points of a unit against a set, as data (issue 15). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from '@sinclair/typebox';
import type { CatalogueFacts } from '../../domain/report/profile.js';
import { loadDiagnosis, parseAreas } from '../diagnosis.js';
import { clientOf } from '../plugins/client-limits.js';
import { markRelease } from '../plugins/release-caching.js';
import { Diagnosis, DiagnosisQuery } from '../schemas/diagnosis.js';
import { UnitCodeParams } from '../schemas/profile.js';

export const diagnosisRoutes: FastifyPluginAsyncTypebox<{ facts: CatalogueFacts }> = async (
  app,
  { facts },
) => {
  app.get(
    '/units/:teryt/diagnosis',
    {
      schema: {
        operationId: 'getUnitDiagnosis',
        summary:
          'Diagnoza jednostki / a unit’s diagnosis: strong and weak points, trends, gaps, as sentences',
        description:
          'Built from the unit’s profile: per area and service, which indicators are in the best or worst quartile of the set (by direction), which improved or worsened against the set over 5 years, which are described without judgement (neutral, context) and which are missing and why. Every sentence names unit, year, source and flag.',
        tags: ['benchmark'],
        params: UnitCodeParams,
        querystring: DiagnosisQuery,
        response: { 200: Diagnosis },
      },
    },
    async (request, reply) => {
      const { diagnosis } = await loadDiagnosis(app, facts, {
        teryt: request.params.teryt,
        year: request.query.year,
        against: request.query.against,
        areas: parseAreas(request.query.areas),
        lang: request.query.lang,
        release: request.query.release,
        client: clientOf(request),
      });
      markRelease(reply, diagnosis.release);
      // The domain type is the schema's with readonly arrays: the same JSON.
      return diagnosis as unknown as Static<typeof Diagnosis>;
    },
  );
};
