/**
 * Roles, permissions and the one role × permission matrix. The router enforces it, the renderer
 * hides what a role may not do, and the administration page shows it read-only.
 */
export const ROLES = ['administrator', 'caseworker', 'therapist', 'placementOfficer', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Anyone, even before login (status, first-run set-up, login). */
  'public',
  /** Any signed-in person. */
  'authenticated',
  'children.read',
  'children.write',
  'children.discharge',
  'children.restore',
  'documents.read',
  'documents.write',
  'eligibility.read',
  'worklist.read',
  'rehab.read',
  'rehab.write',
  'rehab.approve',
  'mentalHealth.read',
  'mentalHealth.write',
  'mentalHealth.close',
  'reintegration.read',
  'reintegration.write',
  'reintegration.approve',
  'reports.read',
  'ledger.export',
  'import.run',
  'users.manage',
  'audit.read',
  'backup.manage',
  'key.manage',
  /** Gives children to a caseworker, therapist or placement officer (我的儿童). */
  'caseload.assign',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type GrantedPermission = Exclude<Permission, 'public' | 'authenticated'>;

export const ROLE_PERMISSIONS: Record<Role, readonly GrantedPermission[]> = {
  administrator: ['users.manage', 'audit.read', 'backup.manage', 'key.manage', 'children.read', 'reports.read', 'caseload.assign'],
  caseworker: [
    'children.read',
    'children.write',
    'children.discharge',
    'documents.read',
    'documents.write',
    'eligibility.read',
    'worklist.read',
    'rehab.read',
    'reintegration.read',
    'reports.read',
    'ledger.export',
    'import.run',
  ],
  therapist: [
    'children.read',
    'eligibility.read',
    'worklist.read',
    'rehab.read',
    'rehab.write',
    'mentalHealth.read',
    'mentalHealth.write',
    'reports.read',
  ],
  placementOfficer: [
    'children.read',
    'documents.read',
    'documents.write',
    'eligibility.read',
    'worklist.read',
    'reintegration.read',
    'reintegration.write',
    'reports.read',
    'ledger.export',
  ],
  supervisor: [
    'children.read',
    'children.discharge',
    'children.restore',
    'documents.read',
    'eligibility.read',
    'worklist.read',
    'rehab.read',
    'rehab.approve',
    'mentalHealth.read',
    'mentalHealth.close',
    'reintegration.read',
    'reintegration.approve',
    'reports.read',
    'ledger.export',
    'audit.read',
    'caseload.assign',
  ],
};

/** Whether a person holding `roles` may use something guarded by `permission`. */
export function can(roles: readonly Role[], permission: Permission, signedIn = true): boolean {
  if (permission === 'public') return true;
  if (!signedIn) return false;
  if (permission === 'authenticated') return true;
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
