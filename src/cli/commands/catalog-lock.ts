/** `smup catalog lock`: confirm the catalogue's BDL ids against the API and write the lock file. */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { describeRefusal, lockVariables } from '../../sources/bdl/lock.js';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../sources/catalog/load-catalog.js';
import { lockFilePath, writeLockFile } from '../../sources/catalog/bdl-lock-file.js';
import type { CliContext } from '../cli-context.js';
import { apiOptions, bdlClient, type ApiOptions } from './bdl.js';

interface LockOptions extends ApiOptions {
  readonly dir: string;
  readonly lockFile?: string;
  readonly only?: string[];
}

export function registerCatalogLock(catalog: Command, { config, out }: CliContext): void {
  apiOptions(
    catalog
      .command('lock')
      .description(
        'read every BDL variable of the catalogue from the API, check it is what the catalogue expects, ' +
          'and write the lock file (refused ones: expected vs found and candidates)',
      )
      .addOption(
        new Option('--dir <dir>', 'folder of the catalogue').default(
          BUNDLED_CATALOG_DIR,
          'the bundled catalog/',
        ),
      )
      .option(
        '--lock-file <path>',
        'where to write the lock (default: bdl.lock.yaml in the catalogue folder)',
      )
      .option('--only <ids...>', 'check only these catalogue variables (ids as in variables.yaml)'),
  ).action(async (options: LockOptions) => {
    const dir = resolve(options.dir);
    const catalog = loadCatalog(dir);
    const { idless } = catalog;
    const bdlVariables = catalog.catalog.variables.filter((v) => v.source === 'bdl');
    const unknown = (options.only ?? []).filter((id) => !bdlVariables.some((v) => v.id === id));
    if (unknown.length > 0) {
      throw new Error(
        `not BDL variables of the catalogue: ${unknown.join(', ')} (see catalog/variables.yaml)`,
      );
    }
    const chosen = options.only ? bdlVariables.filter((v) => options.only?.includes(v.id)) : bdlVariables;
    const client = bdlClient(config(), options);
    out(`checking ${chosen.length} BDL variable(s) against ${client.baseUrl}`);
    const lockable = chosen.map((v) => ({ ...v, searchSubject: idless.has(v.id) }));
    const result = await lockVariables(client, lockable, {
      onEvent: (event) => {
        if (event.kind === 'refused') out(describeRefusal(event.refusal));
        else if (event.done % 10 === 0 || event.done === event.total)
          out(`checked ${event.done}/${event.total}`);
      },
    });
    const path = options.lockFile ? resolve(options.lockFile) : lockFilePath(dir);
    const file = writeLockFile(path, client.baseUrl, result);
    out(
      `locked ${result.locked.length}, refused ${result.refused.length}; ${path} now holds ` +
        `${Object.keys(file.variables).length} variable(s)`,
    );
    if (result.refused.length > 0) process.exitCode = 1;
  });
}
