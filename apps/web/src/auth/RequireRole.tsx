import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { homePathFor } from '../app/navigation';
import { StatusView } from '../components/StatusView';
import { useSession } from './AuthProvider';
import { hasAnyRole, type Role } from './roles';

/** The page's route: its (lazily loaded) content for the roles it allows, a 403 state for the rest. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const session = useSession();
  if (hasAnyRole(session.roles, roles)) return <Outlet />;
  return (
    <StatusView
      kind="forbidden"
      action={
        <Link to={homePathFor(session.roles)}>
          <Button type="primary">{t('state.backHome')}</Button>
        </Link>
      }
    />
  );
}
