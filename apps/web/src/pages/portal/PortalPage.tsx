import { BankOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { useSession } from '../../auth/AuthProvider';
import { PlaceholderPage } from '../PlaceholderPage';

/** 承办单位工作台: a liaison's problems (GET /api/v1/problems answers only their body's), progress and close-out requests to come. */
export default function PortalPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { unitCode } = useUnit();
  // The body's name, from the unit's bodies (a liaison may read them).
  const body = useApiQuery(session.bodyId && unitCode ? ['bodies', unitCode] : null, (signal) =>
    unwrap(api.GET('/api/v1/units/{code}/bodies', { params: { path: { code: unitCode! }, query: { limit: 200 } }, signal })),
  );
  const name = body.data?.items.find((b) => b.id === session.bodyId)?.name;
  return (
    <PlaceholderPage description={t('portal.description')}>
      {name && <Alert type="info" showIcon icon={<BankOutlined />} title={t('portal.body', { body: name })} style={{ marginBottom: 16 }} />}
    </PlaceholderPage>
  );
}
