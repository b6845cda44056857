/**
 * Schemas of the data stewards' ingestion pages (issue 18, point 5): the runs the store records, the
 * mappings a table may be uploaded with, a release's plausibility findings, and an upload's report.
 */
import { Type } from '@sinclair/typebox';
import { Label, MAX_RELEASE_ID, Nullable, Page, PageSize, SafeText } from './common.js';

export const IngestRunsQuery = Type.Object(
  { page: Type.Optional(Page), pageSize: Type.Optional(PageSize) },
  { additionalProperties: false },
);

const Stats = Type.Record(Type.String(), Type.Unknown());

export const IngestRuns = Type.Object({
  total: Type.Integer({ description: 'Ingest jobs recorded (a discarded draft’s jobs go with it).' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  jobs: Type.Array(
    Type.Object({
      id: Type.Integer(),
      releaseId: Type.Integer(),
      releaseStatus: Type.String(),
      live: Type.Boolean(),
      sourceId: Type.String(),
      description: Type.String(),
      status: Type.String({ description: 'running (staging pages) or merged (in its release).' }),
      startedAt: Type.String(),
      finishedAt: Nullable(Type.String()),
      stats: Stats,
      pages: Type.Integer({ description: 'Pages staged so far: the progress of a running job.' }),
      observations: Type.Integer(),
    }),
  ),
  syncs: Type.Array(
    Type.Object({
      id: Type.Integer(),
      releaseId: Type.Integer(),
      step: Type.String({ description: 'fetching, computing or done.' }),
      params: Stats,
      startedAt: Type.String(),
      updatedAt: Type.String(),
      variables: Type.Integer(),
    }),
    { description: 'The latest `smup sync` runs (at most 20).' },
  ),
});

export const MappingList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
});

const ViolationSchema = Type.Object({
  ruleId: Type.String(),
  severity: Type.String({ description: 'hard (the value is flagged suspect) or warning.' }),
  variableId: Type.String(),
  unitCode: Type.String(),
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  detail: Type.String(),
});

export const CheckQuery = Type.Object(
  {
    release: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_RELEASE_ID,
        description:
          'Wydanie (domyślnie robocze, bez niego aktualne) / the release (default: the draft, else the live one).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CheckReport = Type.Object({
  release: Nullable(Type.Integer()),
  hard: Type.Integer(),
  warning: Type.Integer(),
  violations: Type.Array(ViolationSchema, { description: 'The first 500 findings.' }),
});

export const UploadQuery = Type.Object(
  {
    mapping: Type.String({
      pattern: '^[a-z0-9-]{1,100}$',
      description: 'Mapowanie (GET /api/v1/admin/ingest/mappings) / the mapping id.',
    }),
    fileName: SafeText({
      minLength: 5,
      maxLength: 200,
      description: 'Nazwa pliku, z rozszerzeniem .csv lub .xlsx / the file name, ending .csv or .xlsx.',
    }),
  },
  { additionalProperties: false },
);

export const UploadReport = Type.Object({
  releaseId: Type.Integer({ description: 'The draft the values went into.' }),
  job: Type.String(),
  stats: Nullable(
    Type.Object({
      added: Type.Integer(),
      changed: Type.Integer(),
      removed: Type.Integer(),
      unchanged: Type.Integer(),
    }),
  ),
  table: Type.Object({
    rows: Type.Integer(),
    rowsSkipped: Type.Integer(),
    rowsUnknownUnit: Type.Integer(),
    valueCells: Type.Integer(),
    emptyCells: Type.Integer(),
    symbolCells: Type.Integer(),
    combinedObservations: Type.Integer(),
    observations: Type.Integer(),
  }),
  warnings: Type.Array(
    Type.Object({ line: Nullable(Type.Integer()), column: Nullable(Type.String()), message: Type.String() }),
  ),
  check: Type.Object({
    hard: Type.Integer(),
    warning: Type.Integer(),
    violations: Type.Array(ViolationSchema),
  }),
});

export const FileRefused = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String(),
    message: Label,
    problems: Type.Array(
      Type.Object({
        file: Type.String(),
        line: Nullable(Type.Integer()),
        column: Nullable(Type.String()),
        expected: Type.String(),
        found: Nullable(Type.String()),
      }),
      { description: 'Every problem of the file (up to 500), with its line and column.' },
    ),
  },
  { description: 'The file was refused whole; nothing of it was stored.' },
);
