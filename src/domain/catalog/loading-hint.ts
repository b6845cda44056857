/**
 * What to tell a user when an indicator has no data in a release: which of its source variables the
 * release lacks and the command that would bring each in. Never a number in place of the missing data
 * (issue 8: "no data in this release; run `smup ingest bdl --variable …`").
 */
import { isUnlockedCode } from './idless-variables.js';
import type { Bilingual, CatalogVariable } from './schema.js';

export interface LoadingHint {
  /** Stored id, "<source>:<sourceCode>". */
  readonly variable: string;
  readonly name: string;
  readonly verified: boolean;
  /** The command that loads it, or null when no mapping reads its file yet. */
  readonly command: string | null;
  readonly message: Bilingual;
}

export function loadingHint(variable: CatalogVariable, storedId: string): LoadingHint {
  const base = { variable: storedId, name: variable.name, verified: variable.confirmation.verified };
  const confirmation = variable.confirmation;
  if (confirmation.kind === 'shared-data-file') {
    if (confirmation.mapping === null) {
      return {
        ...base,
        command: null,
        message: {
          pl: `Zmienna jest w pliku ${confirmation.file}, ale żadne mapowanie jeszcze go nie wczytuje.`,
          en: `The variable is in the file ${confirmation.file}, but no mapping loads it yet.`,
        },
      };
    }
    const command = `smup ingest table ../shared/data/${confirmation.file} --mapping ${confirmation.mapping} --publish`;
    return {
      ...base,
      command,
      message: {
        pl: `Brak danych w tym wydaniu; uruchom \`${command}\`.`,
        en: `No data in this release; run \`${command}\`.`,
      },
    };
  }
  if (confirmation.kind === 'report-stated') {
    const report = variable.report;
    const where = report
      ? `${report.form}, ${report.column}${report.classification ? `, ${report.classification}` : ''}`
      : variable.source;
    return {
      ...base,
      command: null,
      message: {
        pl: `Brak danych w tym wydaniu; SMUP nie wczytuje jeszcze tego źródła (${where}).`,
        en: `No data in this release; SMUP does not load this source yet (${where}).`,
      },
    };
  }
  if (confirmation.kind === 'expectation' && isUnlockedCode(variable.sourceCode)) {
    const command = `smup catalog lock --only ${variable.id}`;
    return {
      ...base,
      command,
      message: {
        pl: `Zmienna BDL nie ma jeszcze identyfikatora: uruchom \`${command}\`, a potem \`smup sync\`.`,
        en: `The BDL variable has no id yet: run \`${command}\`, then \`smup sync\`.`,
      },
    };
  }
  if (confirmation.kind === 'jst-submission') {
    // No command loads it: the JST report it themselves, and a data steward accepts each submission.
    return {
      ...base,
      command: null,
      message: {
        pl: 'Brak danych w tym wydaniu: tę zmienną przekazują same JST (redaktor JST zgłasza wartość, opiekun danych ją przyjmuje).',
        en: 'No data in this release: the JST report this variable themselves (a JST editor submits a value, a data steward accepts it).',
      },
    };
  }
  const levels = variable.levels.length === 1 ? variable.levels[0] : 'all';
  const command = `smup ingest bdl --variable ${variable.sourceCode} --level ${levels} --publish`;
  const unverified = confirmation.verified
    ? { pl: '', en: '' }
    : {
        pl: ' (identyfikator z listy referencyjnej, niepotwierdzony w API BDL)',
        en: ' (an id from the reference list, not confirmed against the BDL API)',
      };
  return {
    ...base,
    command,
    message: {
      pl: `Brak danych w tym wydaniu; uruchom \`${command}\`${unverified.pl}.`,
      en: `No data in this release; run \`${command}\`${unverified.en}.`,
    },
  };
}
