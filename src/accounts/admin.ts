/**
 * What an administrator changes of an account: name, role, bound units, status. Each change is one
 * transaction with its audit record (before and after); disabling an account or changing its role ends its
 * sessions, so the new rights apply at once. The last active administrator cannot be demoted or disabled.
 */
import type { Role, UserStatus } from '../domain/accounts/roles.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database } from '../store/database.js';
import { revokeUserSessions } from '../store/sessions-store.js';
import { countAdmins, updateUser, type StoredUser } from '../store/users-store.js';
import {
  AccountError,
  auditView,
  checkRoleUnits,
  checkUnitsExist,
  existingUser,
  type Actor,
} from './accounts.js';

export interface UserChange {
  readonly displayName?: string | undefined;
  readonly role?: Role | undefined;
  readonly units?: readonly string[] | undefined;
  readonly status?: UserStatus | undefined;
}

export async function changeUser(
  db: Database,
  id: number,
  change: UserChange,
  actor: Actor,
): Promise<StoredUser> {
  return db.transaction(async (tx) => {
    // Serialises changes of roles, so two administrators cannot demote each other at once.
    await tx.query(`SELECT pg_advisory_xact_lock(18006)`);
    const before = await existingUser(tx, id);
    const role = change.role ?? before.role;
    // A role other than jst_editor carries no units; a new jst_editor needs them given.
    const units = change.units ?? (role === 'jst_editor' ? before.units : []);
    const checked = checkRoleUnits(role, units);
    await checkUnitsExist(tx, checked.units);
    const displayName = change.displayName?.trim();
    if (displayName !== undefined && displayName === '') {
      throw new AccountError(
        400,
        'invalid-name',
        {
          pl: 'Nazwa wyświetlana nie może być pusta.',
          en: 'The display name may not be empty.',
        },
        'displayName',
      );
    }
    const status = change.status ?? before.status;
    if (
      before.role === 'admin' &&
      before.status === 'active' &&
      (checked.role !== 'admin' || status !== 'active')
    ) {
      if ((await countAdmins(tx)) <= 1) {
        throw new AccountError(
          409,
          'last-admin',
          {
            pl: 'To jedyny aktywny administrator: najpierw nadaj tę rolę komuś innemu.',
            en: 'This is the only active administrator: give the role to someone else first.',
          },
          'role',
        );
      }
    }
    const after = await updateUser(tx, id, {
      displayName,
      role: checked.role,
      units: checked.units,
      status,
    });
    if (!after) throw new Error(`user ${id} vanished inside its own transaction`);
    const revoke =
      after.role !== before.role || after.status !== 'active' || after.units.join() !== before.units.join();
    const revoked = revoke ? await revokeUserSessions(tx, id) : 0;
    await appendAudit(tx, {
      ...actor,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      before: auditView(before),
      after: { ...auditView(after), ...(revoked > 0 ? { sessionsEnded: revoked } : {}) },
    });
    return after;
  });
}
