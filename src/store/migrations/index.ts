import { unitsRegister } from './001-units-register.js';
import { releasesObservations } from './002-releases-observations.js';
import { referenceSets } from './003-reference-sets.js';
import { countryUnit } from './004-country-unit.js';
import { referenceSetExpiry } from './005-reference-set-expiry.js';
import { accounts } from './006-accounts.js';
import { auditLog } from './007-audit-log.js';
import { accountTokens } from './008-account-tokens.js';
import { syncRuns } from './014-sync-runs.js';
import { jstSubmissions } from './010-jst-submissions.js';
import { watchlists } from './011-watchlists.js';
import { savedItems } from './015-saved-items.js';
import { dropObservationOpen } from './016-drop-observation-open.js';
import { releaseCoverage } from './017-release-coverage.js';
import { dropObservationUnit } from './018-drop-observation-unit.js';
import type { Migration } from './migration.js';

/** Every migration, oldest first. Append only: a migration that has shipped is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  unitsRegister,
  releasesObservations,
  referenceSets,
  countryUnit,
  referenceSetExpiry,
  accounts,
  auditLog,
  accountTokens,
  syncRuns,
  jstSubmissions,
  watchlists,
  savedItems,
  dropObservationOpen,
  releaseCoverage,
  dropObservationUnit,
];
