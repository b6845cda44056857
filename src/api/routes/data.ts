import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CODE_LENGTH } from '../../domain/units/teryt-code.js';
import type { Database } from '../../store/database.js';
import { flagJson } from '../flag-json.js';
import { negotiateFormat } from '../formats/data-table.js';
import { sendDownload } from '../formats/send.js';
import { variableTable } from '../formats/variable-table.js';
import { markRelease } from '../plugins/release-caching.js';
import {
  getVariable,
  observationsIn,
  searchVariables,
  variableYears,
} from '../../store/observations-store.js';
import { unitsAt } from '../../store/units-store.js';
import { getRelease, listReleases, liveReleaseId } from '../../store/releases-store.js';
import { ApiProblem } from '../problem.js';
import {
  ReleaseItem,
  VariableData,
  VariableDataQuery,
  VariableDetail,
  VariableList,
  VariableListQuery,
  VariableParams,
} from '../schemas/data.js';

/** The release a request reads: `release=` when given (must be published), else the live one. */
export async function releaseFor(db: Database, requested: number | undefined): Promise<number> {
  if (requested !== undefined) {
    const release = await getRelease(db, requested);
    if (!release || release.status !== 'published') {
      throw new ApiProblem(
        404,
        'release-not-found',
        {
          pl: `Nie ma opublikowanego wydania ${requested}.`,
          en: `There is no published release ${requested}.`,
        },
        'release',
      );
    }
    return release.id;
  }
  const live = await liveReleaseId(db);
  if (live === null) {
    throw new ApiProblem(404, 'no-release', {
      pl: 'Nie opublikowano jeszcze żadnych danych.',
      en: 'No data has been published yet.',
    });
  }
  return live;
}

/** A source variable by id, or the 404 problem that names it. */
async function variableOr404(db: Database, id: string) {
  const variable = await getVariable(db, id);
  if (!variable) {
    throw new ApiProblem(
      404,
      'variable-not-found',
      { pl: `Nie ma zmiennej ${id}.`, en: `There is no variable ${id}.` },
      'id',
    );
  }
  return variable;
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
/** Source variables and releases. */
export const dataRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/variables',
    {
      schema: {
        summary: 'Zmienne źródłowe / search the source variables (paged)',
        tags: ['data'],
        querystring: VariableListQuery,
        response: { 200: VariableList },
      },
    },
    async (request) => {
      const { q, page = 1, pageSize = 50 } = request.query;
      const { total, items } = await searchVariables(db, {
        text: q,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      return { total, page, pageSize, items: items.map((v) => ({ ...v, levels: [...v.levels] })) };
    },
  );

  app.get(
    '/variables/:id',
    {
      schema: {
        summary: 'Zmienna źródłowa / one source variable: metadata, source and the years the release holds',
        tags: ['data'],
        params: VariableParams,
        response: { 200: VariableDetail },
      },
    },
    async (request) => {
      const variable = await variableOr404(db, request.params.id);
      const release = await liveReleaseId(db);
      const years = release === null ? [] : await variableYears(db, release, variable.id);
      return {
        ...variable,
        levels: [...variable.levels],
        metadata: { ...variable.metadata },
        release,
        years,
      };
    },
  );

  app.get(
    '/variables/:id/data',
    {
      schema: {
        summary: 'Wartości zmiennej źródłowej / a source variable for every unit of a level in a year',
        description:
          'Wartości zmiennej dla wszystkich jednostek szczebla w roku (json, csv, xlsx, jsonstat; `format=` lub Accept). / A source variable for every unit of a level in a year, as json, csv, xlsx or jsonstat (by `format=` or Accept).',
        tags: ['data'],
        params: VariableParams,
        querystring: VariableDataQuery,
        response: { 200: VariableData },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request.query.format, request.headers.accept);
      const variable = await variableOr404(db, request.params.id);
      const { year, level } = request.query;
      const release = await releaseFor(db, request.query.release);
      markRelease(reply, release);
      const rows = await observationsIn(db, release, {
        variableIds: [variable.id],
        years: [year],
        unitCodeLength: CODE_LENGTH[level],
      });
      const units = await unitsAt(
        db,
        rows.map((r) => r.unitCode),
        null,
      );
      const names = new Map(units.map((u) => [u.code, u.name]));
      if (format !== 'json') {
        const table = variableTable(variable, release, request.url, rows, names);
        await sendDownload(
          reply,
          format,
          request.query,
          `${variable.id}-${level}-${year}-r${release}`,
          table,
        );
        return;
      }
      return {
        variable: {
          id: variable.id,
          name: variable.name,
          measureUnit: variable.measureUnit,
          source: variable.source,
        },
        release,
        year,
        level,
        total: rows.length,
        items: rows.map((r) => ({
          unit: { code: r.unitCode, name: names.get(r.unitCode) ?? null },
          value: r.value,
          flag: flagJson(r.flag),
          note: r.note,
        })),
      };
    },
  );

  app.get(
    '/releases',
    {
      schema: {
        summary: 'Wydania danych / published data releases, newest first, and which one is live',
        tags: ['releases'],
        response: {
          200: Type.Object({
            live: Type.Union([Type.Integer(), Type.Null()]),
            items: Type.Array(ReleaseItem),
          }),
        },
      },
    },
    async () => {
      // Published releases only: a draft (or a discarded one) is work in progress, and there are no accounts
      // yet to show it to its author (issue 14); `smup releases list` shows every release to the operator.
      const items = (await listReleases(db)).filter((r) => r.status === 'published');
      return { live: items.find((r) => r.live)?.id ?? null, items: items.reverse() };
    },
  );
};
