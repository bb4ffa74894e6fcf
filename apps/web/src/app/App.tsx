import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { UserManager } from 'oidc-client-ts';
import { useTranslation } from 'react-i18next';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { AuthProvider } from '../auth/AuthProvider';
import { theme } from '../theme/theme';

export function App({ userManager, router }: { userManager: UserManager; router: ReturnType<typeof createBrowserRouter> }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={theme}>
      <AntApp>
        <AuthProvider userManager={userManager}>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
