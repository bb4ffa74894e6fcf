import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { homePathFor } from '../../app/navigation';
import { useSession } from '../../auth/AuthProvider';
import { StatusView } from '../../components/StatusView';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <StatusView
      kind="not-found"
      action={
        <Link to={homePathFor(session.roles)}>
          <Button type="primary">{t('state.backHome')}</Button>
        </Link>
      }
    />
  );
}
