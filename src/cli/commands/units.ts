import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  KIND_LABELS,
  UNIT_KINDS,
  UNIT_LEVELS,
  type UnitKind,
  type UnitLevel,
} from '../../domain/units/unit.js';
import { importUnitsRegister, type RegisterImportResult } from '../../pipeline/units-import.js';
import { readTercFile } from '../../sources/teryt/terc-reader.js';
import { parseSnapshot } from '../../sources/teryt/units-snapshot.js';
import { listChanges, listSnapshots, searchUnits } from '../../store/units-store.js';
import { Option, type Command } from 'commander';
import { formatOption, isoDate, type CliContext } from '../cli-context.js';
import type { Config } from '../config.js';
import { withDatabase } from '../context.js';
import { formatRows, type OutputFormat } from '../format-output.js';

/** `smup units import FILE`: an official TERC CSV, or a snapshot made by scripts/build-units-snapshot.ts. */
export async function importUnits(
  config: Config,
  file: string,
  write: (line: string) => void,
): Promise<void> {
  const bytes = readFileSync(file);
  const name = basename(file);
  const input =
    extname(file).toLowerCase() === '.json'
      ? (() => {
          const snapshot = parseSnapshot(bytes.toString('utf-8'), name);
          return {
            stateDate: snapshot.provenance.stateDate,
            records: snapshot.records,
            sourceFile: name,
            provenance: snapshot.provenance,
          };
        })()
      : (() => {
          const terc = readTercFile(bytes, name);
          return {
            stateDate: terc.stateDate,
            records: terc.records,
            sourceFile: name,
            provenance: {
              source: 'Główny Urząd Statystyczny, rejestr TERYT, katalog TERC',
              stateDate: terc.stateDate,
              sourceFile: name,
              encoding: terc.encoding,
            },
          };
        })();
  write(`read ${name}: TERC register of ${input.stateDate}, ${input.records.length} units`);
  const result = await withDatabase(config, (db) => importUnitsRegister(db, input));
  for (const line of describeImport(result)) write(line);
}

export function describeImport(result: RegisterImportResult): string[] {
  const counts = UNIT_LEVELS.map((level) => `${result.unitsByLevel[level]} ${level}`).join(', ');
  if (result.status === 'unchanged') {
    return [
      `the register of ${result.stateDate} is already loaded with the same content; nothing changed (${counts})`,
    ];
  }
  const changes = Object.entries(result.changesByType).map(([type, n]) => `${n} ${type}`);
  return [
    `imported the register of ${result.stateDate}: ${counts}`,
    changes.length > 0
      ? `register changes recorded by this import: ${changes.join(', ')} (see \`smup units changes\`)`
      : 'no register changes recorded (no other register loaded, or nothing changed)',
    `registers loaded: ${result.snapshots.join(', ')}`,
  ];
}

export interface ListOptions {
  readonly level?: UnitLevel;
  readonly kind?: UnitKind;
  readonly parent?: string;
  readonly q?: string;
  readonly date?: string;
  readonly format: OutputFormat;
}

export async function listUnits(config: Config, options: ListOptions): Promise<string> {
  const { items } = await withDatabase(config, (db) =>
    searchUnits(db, {
      level: options.level,
      kind: options.kind,
      within: options.parent,
      text: options.q,
      date: options.date,
      offset: 0,
      limit: 100_000,
    }),
  );
  const rows = items.map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    kind: u.kind,
    kind_pl: KIND_LABELS[u.kind].pl,
    parent: u.parentCode,
    valid_from: u.validFrom,
    valid_to: u.validTo,
  }));
  return formatRows(rows, options.format, [
    'code',
    'name',
    'level',
    'kind',
    'kind_pl',
    'parent',
    'valid_from',
    'valid_to',
  ]);
}

export async function listRegisterChanges(
  config: Config,
  since: string | undefined,
  format: OutputFormat,
): Promise<string> {
  const changes = await withDatabase(config, (db) => listChanges(db, since ?? null));
  return formatRows(
    changes.map((c) => ({
      date: c.date,
      type: c.type,
      code: c.code,
      previous_code: c.previousCode,
      before: c.before,
      after: c.after,
    })),
    format,
  );
}

export async function listRegisters(config: Config, format: OutputFormat): Promise<string> {
  const snapshots = await withDatabase(config, (db) => listSnapshots(db));
  return formatRows(
    snapshots.map((s) => ({
      state_date: s.stateDate,
      units: s.unitCount,
      source_file: s.sourceFile,
      loaded_at: s.loadedAt,
      sha256: s.contentSha256.slice(0, 12),
    })),
    format,
  );
}

export function registerUnitsCommands(program: Command, { config, out }: CliContext): void {
  const units = program.command('units').description('the TERYT units register');
  units
    .command('import <file>')
    .description(
      'load a TERC register file (official CSV, UTF-8 or Windows-1250) or a bundled snapshot (.json)',
    )
    .action(async (file: string) => importUnits(config(), file, out));
  units
    .command('list')
    .description('list units valid now (or on --date)')
    .addOption(new Option('--level <level>', 'level of unit').choices(UNIT_LEVELS))
    .addOption(
      new Option('--kind <kind>', 'kind of unit').choices([...new Set(Object.values(UNIT_KINDS).flat())]),
    )
    .option('--parent <code>', 'only units within this województwo (2 digits) or powiat (4 digits)')
    .option('-q, --q <text>', 'name contains (Polish letters optional) or code starts with')
    .option('--date <yyyy-mm-dd>', 'state of the register on this date', isoDate)
    .addOption(formatOption())
    .action(async (options: ListOptions) => out(await listUnits(config(), options)));
  units
    .command('changes')
    .description('changes recorded between loaded registers (new units, abolished, renamed, kind changed)')
    .option('--since <yyyy-mm-dd>', 'only changes on or after this date', isoDate)
    .addOption(formatOption())
    .action(async (options: { since?: string; format: OutputFormat }) =>
      out(await listRegisterChanges(config(), options.since, options.format)),
    );
  units
    .command('registers')
    .description('the TERC registers loaded, with their state dates')
    .addOption(formatOption())
    .action(async (options: { format: OutputFormat }) => out(await listRegisters(config(), options.format)));
}
