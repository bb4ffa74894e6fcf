import { Button } from 'antd';
import type { UserManager } from 'oidc-client-ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FullPageStatus } from '../components/FullPageStatus';
import { useAuth } from './AuthProvider';
import { returnPathOf } from './oidc';
import { signInFailureOf } from './session';

// The code of a callback URL can be exchanged once; React's development double effects (and a
// second render) must share the one exchange.
let completion: { url: string; promise: Promise<string> } | undefined;

function completeSignIn(userManager: UserManager): Promise<string> {
  const url = window.location.href;
  if (completion?.url !== url) completion = { url, promise: userManager.signinRedirectCallback(url).then(returnPathOf) };
  return completion.promise;
}

/** /auth/callback: the identity provider sends the browser here with the authorization code. */
export default function CallbackPage() {
  const { t } = useTranslation();
  const { userManager, signIn } = useAuth();
  const navigate = useNavigate();
  // undefined: still completing; null: failed without a reason to show; else the identity provider's error.
  const [failure, setFailure] = useState<ReturnType<typeof signInFailureOf> | null | undefined>(undefined);

  useEffect(() => {
    let active = true;
    completeSignIn(userManager).then(
      (path) => active && void navigate(path, { replace: true }),
      (error: unknown) => active && setFailure(signInFailureOf(error) ?? null),
    );
    return () => {
      active = false;
    };
  }, [userManager, navigate]);

  if (failure === undefined) return <FullPageStatus kind="loading" title={t('auth.completing')} />;
  return (
    <FullPageStatus
      kind="error"
      title={failure ? t('auth.idpRefused') : t('auth.callbackFailed')}
      description={failure ? t('auth.idpRefusedHint', { code: failure.code, detail: failure.description ? `（${failure.description}）` : '' }) : t('auth.callbackFailedHint')}
      action={
        <Button type="primary" onClick={() => void signIn('/')}>
          {t('auth.loginAgain')}
        </Button>
      }
    />
  );
}
