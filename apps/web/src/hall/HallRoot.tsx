import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { FullPageStatus } from '../components/FullPageStatus';
import { HALL_DONE_PATH, endHallTurn, endSessionEndpoint, markTurnStarted, turnInterrupted, type HallEndReason } from './hall-auth';
import { HallContext, type HallContextValue } from './hall-context';
import { clearHallDevice, readHallDevice, writeHallDevice, type HallDevice } from './hall-device';

/**
 * The root of every hall route: the device flag, the end of a turn (once, whoever asks first:
 * the ballot, 退出, the idle timer), and the two ways a page can come back with someone's screen
 * but without their tokens — a reload mid-turn and the back/forward cache.
 */
export function HallRoot({ invalidLink }: { invalidLink: boolean }) {
  const { t } = useTranslation();
  const { state, userManager } = useAuth();
  const { pathname } = useLocation();
  const [device, setDeviceState] = useState(() => readHallDevice(window.localStorage));
  const [ending, setEnding] = useState(false);
  const endingRef = useRef(false);

  const setDevice = useCallback((next: HallDevice | undefined) => {
    if (next) writeHallDevice(window.localStorage, next);
    else clearHallDevice(window.localStorage);
    setDeviceState(readHallDevice(window.localStorage));
  }, []);

  const end = useCallback(
    (reason: HallEndReason | 'released') => {
      if (endingRef.current) return;
      endingRef.current = true;
      setEnding(true);
      void endHallTurn(userManager, reason);
    },
    [userManager],
  );

  useEffect(() => {
    // A sign-in completed through this tab: from now on a reload without tokens means an interrupted turn.
    userManager.events.addUserLoaded(markTurnStarted);
    // The logout endpoint, ready before anyone needs it.
    void endSessionEndpoint(userManager);
    return () => userManager.events.removeUserLoaded(markTurnStarted);
  }, [userManager]);

  useEffect(() => {
    // Restored from the back/forward cache, the page would show what it showed when left: start afresh.
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);

  useEffect(() => {
    document.title = `${t('hall.title')} · ${t('app.title')}`;
  }, [t]);

  // Someone signed in through this tab, but the tokens are gone (a reload, an address typed in,
  // the API refusing the token): end their session at the identity provider as well.
  const interrupted = state.status === 'anonymous' && !ending && pathname !== HALL_DONE_PATH && turnInterrupted();
  useEffect(() => {
    if (interrupted) end('interrupted');
  }, [interrupted, end]);

  const value = useMemo<HallContextValue>(() => ({ device, invalidLink, setDevice, ending, end }), [device, invalidLink, setDevice, ending, end]);
  if (ending || interrupted) return <FullPageStatus kind="loading" title={t('hall.signingOut')} />;
  return (
    <HallContext value={value}>
      <Outlet />
    </HallContext>
  );
}
