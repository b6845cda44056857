/**
 * Schemas of the multi-dimensional data endpoints (issue 6): a comparison of chosen units
 * (`GET /compare`) and one unit's indicators as time series (`GET /units/{teryt}/data`).
 * The limits in the descriptions are the ones list-params.ts enforces.
 */
import { UNIT_CODE_SOURCE } from '../../domain/units/teryt-code.js';
import { Type } from '@sinclair/typebox';
import { DATA_LIMITS } from '../list-params.js';
import { IndicatorRef } from './indicators.js';
import {
  DataPageParams,
  FormatParams,
  Nullable,
  PageLinks,
  ReleaseParam,
  StringEnum,
  Year,
  YearsParam,
} from './common.js';
import { Against } from './profile.js';
import { FlagSchema } from './data.js';
import { TerytCode } from './units.js';

const Release = Type.Optional(ReleaseParam);

const IndicatorList = (required: boolean) =>
  Type.String({
    pattern: '^[a-z][a-z0-9_.]*(,[a-z][a-z0-9_.]*)*$',
    maxLength: 4000,
    description: `Wskaźniki po przecinku / indicator ids, comma-separated, at most ${DATA_LIMITS.indicators}${
      required ? '' : ' (default: every indicator of the unit’s level the release holds)'
    }.`,
    examples: ['kontekst.ludnosc,kontekst.gestosc_zaludnienia'],
  });

export const CompareQuery = Type.Object(
  {
    units: Type.String({
      pattern: `^${UNIT_CODE_SOURCE}(,${UNIT_CODE_SOURCE})*$`,
      maxLength: 1000,
      description: `Jednostki (kody TERYT) po przecinku / TERYT codes, comma-separated, at most ${DATA_LIMITS.units}.`,
      examples: ['1261011,1465011'],
    }),
    indicators: IndicatorList(true),
    years: Type.Optional(YearsParam),
    emptyYears: Type.Optional(
      StringEnum(['keep', 'omit'] as const, {
        description:
          'Lata bez wartości / years without a value: keep (default) answers every cell indicator × unit × year; omit leaves out, per indicator, the years in which none of the units has a value (the latest year stays when none has any): the cells the portal’s compare page shows, and what its downloads hold.',
      }),
    ),
    release: Release,
    ...FormatParams,
    ...DataPageParams,
  },
  { additionalProperties: false },
);

export const UnitDataQuery = Type.Object(
  {
    indicators: Type.Optional(IndicatorList(false)),
    years: Type.Optional(YearsParam),
    against: Type.Optional({
      ...Against,
      description: `${Against.description} CSV and XLSX: the set whose median, quartiles, rank and position the files give in the year the unit page compares (the profile's, GET /units/{teryt}/profile).`,
    }),
    setYear: Type.Optional(
      Year(
        'CSV and XLSX: the year of the comparison with the set (as the profile’s year=); default: each indicator’s latest year with data.',
      ),
    ),
    release: Release,
    ...FormatParams,
  },
  { additionalProperties: false },
);

export const UnitDataParams = Type.Object({ teryt: TerytCode }, { additionalProperties: false });

const UnitRef = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  kind: Type.String(),
});

const CellFields = {
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  flag: Nullable(FlagSchema),
  reason: Nullable(
    Type.String({
      description:
        'Dlaczego brak wartości / why the value is missing: missing-input, confidential-input, division-by-zero, not-finite, not-in-release.',
    }),
  ),
  detail: Nullable(Type.String()),
};

export const CompareData = Type.Object({
  release: Type.Integer({ description: 'Wydanie danych / the data release the values come from.' }),
  years: Type.Array(Type.Integer()),
  units: Type.Array(UnitRef, { description: 'In the order asked for.' }),
  indicators: Type.Array(IndicatorRef, { description: 'In the order asked for.' }),
  total: Type.Integer({ description: 'Cells: indicators × units × years (all pages).' }),
  values: Type.Integer({ description: 'Cells with a value (all pages).' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  links: PageLinks,
  items: Type.Array(
    Type.Object({
      indicator: Type.String(),
      unit: Type.String(),
      ...CellFields,
      comparedMedian: Nullable(
        Type.Number({
          description:
            'Mediana porównywanych / the median of the compared units’ values in this indicator and year (suspect values left out). Null when the units are of more than one level or fewer than 2 have a value.',
        }),
      ),
      comparedRank: Nullable(
        Type.Integer({
          minimum: 1,
          description:
            'Miejsce wśród porównywanych / the unit’s rank among the compared units in this indicator and year, 1 = best by the indicator’s direction (ties share the best rank). Null for a neutral indicator, a unit without a value or with a suspect one, and where comparedMedian is null.',
        }),
      ),
      comparedCount: Nullable(
        Type.Integer({
          minimum: 2,
          description:
            'Units whose values comparedMedian and comparedRank come from (the n of "rank 2 of 4"). Null where comparedMedian is null.',
        }),
      ),
    }),
    {
      description:
        'Ordered by indicator and unit as asked for, then year. The compared units’ median and ranks are computed among the units asked for, as the portal’s compare page shows them.',
    },
  ),
});

export const UnitData = Type.Object({
  release: Type.Integer({ description: 'Wydanie danych / the data release the values come from.' }),
  unit: UnitRef,
  years: Type.Array(Type.Integer()),
  total: Type.Integer({ description: 'Indicators in the answer.' }),
  indicators: Type.Array(
    Type.Composite([IndicatorRef, Type.Object({ series: Type.Array(Type.Object(CellFields)) })]),
  ),
});
