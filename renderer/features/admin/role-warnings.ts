import type { Role } from '../../../shared/contract/permissions';

/** Roles that do or decide the work on children's files (and their clinical records). */
export const CLINICAL_ROLES: readonly Role[] = ['caseworker', 'therapist', 'placementOfficer', 'supervisor'];

/**
 * The clinical roles an administrator account also holds (separation of duties: the person who keeps
 * the accounts and the audit trail should not also do or approve the work it records), or none.
 */
export function clinicalRolesOfAdministrator(roles: readonly Role[]): Role[] {
  return roles.includes('administrator') ? CLINICAL_ROLES.filter((r) => roles.includes(r)) : [];
}
