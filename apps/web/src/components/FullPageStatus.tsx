import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { StatusView, type StatusViewProps } from './StatusView';

/** A status alone on the page (signing in, signed out, boot errors): the platform's name above it. */
export function FullPageStatus(props: StatusViewProps) {
  const { t } = useTranslation();
  return (
    <main className="full-page">
      <div className="full-page-card">
        <Typography.Title level={4} className="full-page-brand">
          {t('app.title')}
        </Typography.Title>
        <StatusView {...props} />
      </div>
    </main>
  );
}
