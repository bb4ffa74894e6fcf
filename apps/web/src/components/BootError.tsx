import { Button, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { theme } from '../theme/theme';
import { FullPageStatus } from './FullPageStatus';

/** /config.json could not be read: nothing can sign in, so say so plainly. */
export function BootError() {
  const { t } = useTranslation();
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <FullPageStatus
        kind="error"
        title={t('boot.configFailed')}
        description={t('boot.configFailedHint')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('state.reload')}
          </Button>
        }
      />
    </ConfigProvider>
  );
}
