import { can, type Permission } from '../../shared/contract/permissions';
import { useSessionUser } from './app-state';

/** Whether the signed-in person may use something; the router refuses it anyway. */
export function useCan(permission: Permission): boolean {
  const user = useSessionUser();
  return user !== null && can(user.roles, permission);
}
