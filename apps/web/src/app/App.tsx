import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { UserManager } from 'oidc-client-ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider, type createBrowserRouter } from 'react-router';
import { AuthProvider } from '../auth/AuthProvider';
import { usePrefersReducedMotion } from '../theme/reduced-motion';
import { theme } from '../theme/theme';

export function App({ userManager, router }: { userManager: UserManager; router: ReturnType<typeof createBrowserRouter> }) {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  const reducedMotion = usePrefersReducedMotion();
  const themed = useMemo(() => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reducedMotion]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={themed}>
      <AntApp>
        <AuthProvider userManager={userManager}>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
