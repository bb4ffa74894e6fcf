import type { Operation } from '../api/access';
import { useSession } from '../auth/AuthProvider';
import { hasAnyRole, mayCall, type Role } from '../auth/roles';
import { useUnit } from './unit-context';

/**
 * What the signed-in user may do here: show an action only when this says yes.
 *
 *   const can = usePermissions();
 *   {can.call('POST /api/v1/projects') && <Button>录入项目</Button>}
 *
 * `call` follows the roles the gateway publishes for the operation and says no to every write
 * while a descendant unit is being viewed (read-only). The gateway checks again; this only keeps
 * the interface from offering what would be refused.
 */
export function usePermissions() {
  const session = useSession();
  const { readOnly } = useUnit();
  return {
    roles: session.roles,
    readOnly,
    call: (operation: Operation) => mayCall(session.roles, operation, readOnly),
    hasRole: (...roles: Role[]) => hasAnyRole(session.roles, roles),
  };
}
