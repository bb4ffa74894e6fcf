import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleOutlined, LoginOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { Evaluation } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { VoteScreen } from '../pages/evaluations/VoteScreen';
import { isHallEndReason, windowStores, type HallEndReason } from './hall-auth';
import { useHall } from './hall-context';
import { IDLE_DEFAULT_SECONDS, type HallDevice } from './hall-device';
import { HALL_TAB_KEY, wipeBrowserStores } from './hall-wipe';
import { HallExitButton, HallIdleGuard } from './HallIdle';

/**
 * /hall and /hall/done: the hall tablet's start screen (「请委员本人登录后参加测评」 and a large
 * sign-in button), the signed-in member's ballot for the tablet's evaluation and nothing else,
 * and after a turn the goodbye screen (「已完成，请将平板交给下一位委员」) with the next sign-in.
 */
export default function HallPage({ done = false }: { done?: boolean }) {
  const { state } = useAuth();
  const { device, invalidLink } = useHall();
  const [search] = useSearchParams();
  const reason = done ? search.get('reason') : null;

  useEffect(() => {
    // Back from the identity provider's logout: whatever a turn might have left, once more.
    if (done) void wipeBrowserStores(windowStores()).then(() => window.sessionStorage.setItem(HALL_TAB_KEY, '1'));
  }, [done]);

  if (state.status === 'authenticated') {
    if (done) return <Navigate to="/hall" replace />;
    return device ? <HallTurn device={device} /> : <NotSetUp signedIn />;
  }
  if (state.status === 'checking') return null;
  if (invalidLink) return <NotSetUp invalid />;
  if (!device) return <NotSetUp />;
  return <HallStart device={device} reason={isHallEndReason(reason) ? reason : undefined} authError={state.status === 'error'} />;
}

/** The signed-in member: the ballot of the tablet's evaluation, 退出, the idle timer. */
function HallTurn({ device }: { device: HallDevice }) {
  const { setDevice, end } = useHall();
  // The start screen shows the title next time (it is the meeting's, not the member's).
  const noteTitle = (evaluation: Evaluation) => {
    if (evaluation.id === device.evaluationId && (evaluation.reportTitle !== device.reportTitle || evaluation.session !== device.meeting)) {
      setDevice({ ...device, reportTitle: evaluation.reportTitle, meeting: evaluation.session });
    }
  };
  return (
    <>
      <VoteScreen evaluationId={device.evaluationId} onVoted={() => end('voted')} onLoaded={noteTitle} headerExtra={<HallExitButton />} />
      <HallIdleGuard idleSeconds={device.idleSeconds} />
    </>
  );
}

const DONE_ICONS: Record<HallEndReason, ReactNode> = {
  voted: <CheckCircleFilled />,
  exit: <CheckCircleFilled />,
  idle: <ClockCircleOutlined />,
  interrupted: <ExclamationCircleOutlined />,
  setup: <CheckCircleFilled />,
};

function HallStart({ device, reason, authError }: { device: HallDevice; reason?: HallEndReason; authError: boolean }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const heading = useRef<HTMLHeadingElement>(null);
  const goodbye = reason && reason !== 'setup' ? reason : undefined;
  useEffect(() => heading.current?.focus(), [reason]);

  return (
    <HallCard>
      {(device.reportTitle || device.meeting) && (
        <div className="hall-evaluation">
          {device.reportTitle && <p className="hall-report">{device.reportTitle}</p>}
          {device.meeting && <p className="hall-meeting">{device.meeting}</p>}
        </div>
      )}
      {reason === 'setup' && <Alert type="success" showIcon className="hall-alert" title={t('hall.done.setup')} />}
      {authError && <Alert type="error" showIcon className="hall-alert" role="alert" title={t('hall.signInFailed')} />}
      {goodbye ? (
        <div className={`hall-goodbye hall-goodbye-${goodbye}`} role="status" data-testid="hall-goodbye">
          <div className="hall-goodbye-icon" aria-hidden>
            {DONE_ICONS[goodbye]}
          </div>
          <h1 ref={heading} tabIndex={-1} className="hall-heading">
            {t(`hall.done.${goodbye}`)}
          </h1>
          <p className="hall-hint">{t(`hall.done.${goodbye}Hint`)}</p>
        </div>
      ) : (
        <h1 ref={heading} tabIndex={-1} className="hall-heading">
          {t('hall.startTitle')}
        </h1>
      )}
      <Button type="primary" size="large" block icon={<LoginOutlined />} className="hall-signin" onClick={() => void signIn('/hall')}>
        {goodbye ? t('hall.signInNext') : t('hall.signIn')}
      </Button>
      <p className="hall-hint">{t('hall.startHint')}</p>
    </HallCard>
  );
}

function NotSetUp({ invalid = false, signedIn = false }: { invalid?: boolean; signedIn?: boolean }) {
  const { t } = useTranslation();
  return (
    <HallCard>
      <div className="hall-goodbye hall-goodbye-interrupted">
        <div className="hall-goodbye-icon" aria-hidden>
          <ExclamationCircleOutlined />
        </div>
        <h1 className="hall-heading">{invalid ? t('hall.invalidLink') : t('hall.notSetUp')}</h1>
        <p className="hall-hint">{invalid ? t('hall.invalidLinkHint') : t('hall.notSetUpHint')}</p>
      </div>
      {signedIn && (
        <div className="hall-not-set-up-exit">
          <HallExitButton inCard />
          <HallIdleGuard idleSeconds={IDLE_DEFAULT_SECONDS} />
        </div>
      )}
    </HallCard>
  );
}

/** The start screen's frame: the red band, one card, the office's way to the setup below. */
function HallCard({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <main className="hall-page" id="main">
      <div className="hall-card">
        <div className="hall-brand">{t('hall.brand')}</div>
        {children}
      </div>
      <footer className="hall-footer">
        <Link to="/hall/setup" className="hall-setup-link">
          <SettingOutlined aria-hidden /> {t('hall.setupLink')}
        </Link>
      </footer>
    </main>
  );
}
