import { Button, Space } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { FullPageStatus } from '../components/FullPageStatus';
import { clearSignInAttempts, useAuth } from './AuthProvider';

/** Renders its children for a signed-in user; everyone else is sent to the identity provider. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, signIn, signOut } = useAuth();
  const location = useLocation();
  const returnTo = `${location.pathname}${location.search}${location.hash}`;
  const anonymous = state.status === 'anonymous';

  useEffect(() => {
    if (anonymous) void signIn(returnTo);
  }, [anonymous, signIn, returnTo]);

  switch (state.status) {
    case 'authenticated':
      if (state.session.roles.length > 0) return children;
      return (
        <FullPageStatus
          kind="forbidden"
          title={t('auth.noRoles')}
          description={t('auth.noRolesHint')}
          action={<Button onClick={() => void signOut()}>{t('auth.logout')}</Button>}
        />
      );
    case 'error': {
      const retry = () => {
        clearSignInAttempts();
        window.location.reload();
      };
      return (
        <FullPageStatus
          kind="error"
          title={t(state.reason === 'loop' ? 'auth.loopDetected' : 'auth.idpUnavailable')}
          description={t(state.reason === 'loop' ? 'auth.loopDetectedHint' : 'auth.idpUnavailableHint')}
          action={
            <Space>
              <Button type="primary" onClick={retry}>
                {t('state.retry')}
              </Button>
              {state.reason === 'loop' && <Button onClick={() => void signOut()}>{t('auth.logout')}</Button>}
            </Space>
          }
        />
      );
    }
    case 'signing-out':
      return <FullPageStatus kind="loading" title={t('auth.signingOut')} />;
    default:
      return <FullPageStatus kind="loading" title={t(anonymous ? 'auth.redirecting' : 'auth.checking')} />;
  }
}
