/**
 * The mappings a data steward may upload a table file with (issue 18, point 5): the reviewed files of
 * mappings/ (what `smup ingest table --mapping mappings/….yaml` reads) and the BDL export preset of
 * `smup ingest bdl-export`. A mapping is chosen by id, never given as a path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TableMapping } from '../sources/tabular/mapping-schema.js';
import { BDL_EXPORT_MAPPING, parseMapping } from './table-ingest.js';

export const BUNDLED_MAPPINGS_DIR = fileURLToPath(new URL('../../mappings/', import.meta.url));

/** The id of the BDL portal export preset (CTAB layout). */
export const BDL_EXPORT_PRESET = 'bdl-export';

export interface MappingChoice {
  readonly id: string;
  /** The first comment line of the file (what it reads), or the preset's description. */
  readonly title: string;
}

export function listMappings(dir: string = BUNDLED_MAPPINGS_DIR): MappingChoice[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  return [
    { id: BDL_EXPORT_PRESET, title: 'Eksport z portalu BDL (układ CTAB) / BDL portal export (CTAB layout)' },
    ...files.map((name) => {
      const first = readFileSync(`${dir}/${name}`, 'utf-8').split('\n', 1)[0] ?? '';
      return { id: name.slice(0, -'.yaml'.length), title: first.replace(/^#\s*/, '') };
    }),
  ];
}

/** The mapping of `id`, or null when there is none by that id. */
export function mappingById(id: string, dir: string = BUNDLED_MAPPINGS_DIR): TableMapping | null {
  if (id === BDL_EXPORT_PRESET) return parseMapping(BDL_EXPORT_MAPPING, 'bdl-ctab preset');
  if (!listMappings(dir).some((m) => m.id === id)) return null;
  return parseMapping(readFileSync(`${dir}/${id}.yaml`, 'utf-8'), `${id}.yaml`);
}
