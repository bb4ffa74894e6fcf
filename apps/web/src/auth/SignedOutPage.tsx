import { CheckCircleOutlined } from '@ant-design/icons';
import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** /auth/signed-out: where the identity provider sends the browser after logout. */
export default function SignedOutPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <main className="full-page">
      <div className="full-page-card">
        <Typography.Title level={4} className="full-page-brand">
          {t('app.title')}
        </Typography.Title>
        <Result
          icon={<CheckCircleOutlined className="signed-out-icon" />}
          title={t('auth.signedOut')}
          subTitle={t('auth.signedOutHint')}
          extra={
            <Button type="primary" size="large" onClick={() => void navigate('/')}>
              {t('auth.loginAgain')}
            </Button>
          }
        />
      </div>
    </main>
  );
}
