import { CheckCircleFilled, ClockCircleOutlined, LockOutlined, LoginOutlined, StopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { EVALUATION_GRADES } from '../../api/enums';
import { ApiError } from '../../api/problem';
import type { Evaluation, EvaluationGrade } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useSession } from '../../auth/AuthProvider';
import { mayCall, primaryRole } from '../../auth/roles';
import { describeError } from '../../components/errors';
import { StatusView } from '../../components/StatusView';

/** How often the page looks whether voting has opened or closed. */
const REFRESH_MS = 3000;

type Phase = { step: 'choose' } | { step: 'confirm'; choice: EvaluationGrade } | { step: 'sending'; choice: EvaluationGrade } | { step: 'done' };

export interface VoteScreenProps {
  evaluationId: string;
  /** After this screen has cast the member's ballot (the hall tablet signs the member out). */
  onVoted?: () => void;
  /** Once the evaluation has loaded (the hall tablet notes its title for the start screen). */
  onLoaded?: (evaluation: Evaluation) => void;
  /** Beside the member's name in the header (the hall tablet's 退出). */
  headerExtra?: ReactNode;
  /** Below the secrecy note (the voting page's link back to the evaluation; nothing on a hall tablet). */
  footerLink?: ReactNode;
}

/**
 * 测评投票: the member's secret ballot on a phone or tablet. One screen: three large buttons,
 * a confirmation, then "已投票" with no way back. The choice is held only until it is sent and
 * never shown again. Where the member stands (on the roster, checked in, voted) comes from
 * GET /evaluations/{id}/me, about the caller only and never with a choice. Used by the voting
 * page (VotePage) and the hall tablet (hall/HallPage).
 */
export function VoteScreen({ evaluationId: id, onVoted, onLoaded, headerExtra, footerLink }: VoteScreenProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [tick, setTick] = useState(0);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [checkedIn, setCheckedIn] = useState(false);
  const [checkingIn, setCheckingIn] = useState(false);
  const [refused, setRefused] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  // Only in the member's own unit (below); no unit switching on this bare page, so no read-only view either.
  const mayVote = mayCall(session.roles, 'POST /api/v1/evaluations/{id}/ballots');

  const evaluation = useApiQuery(['vote-evaluation', id, tick], (signal) => unwrap(api.GET('/api/v1/evaluations/{id}', { params: { path: { id } }, signal })));
  const e = evaluation.data;
  const status = e?.status;
  // Told once per evaluation, not on every refresh.
  const loaded = useEffectEvent(() => {
    if (evaluation.data) onLoaded?.(evaluation.data);
  });
  const loadedId = e?.id;
  useEffect(() => {
    if (loadedId) loaded();
  }, [loadedId]);
  const mine = useApiQuery(e && mayVote && e.unitCode === session.unitCode ? ['vote-me', id, e.version, checkedIn] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations/{id}/me', { params: { path: { id } }, signal })),
  );
  const me = mine.data;
  const voted = phase.step === 'done' || me?.voted === true;
  const notOnRoster = refused || me?.onRoster === false;

  // Until the vote is cast or over, the page follows the evaluation (opened, closed).
  const waiting = !voted && status !== 'closed';
  useEffect(() => {
    if (!waiting) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [waiting]);

  const markVoted = () => setPhase({ step: 'done' });

  const checkIn = async () => {
    setCheckingIn(true);
    setRefusal(null);
    try {
      await unwrap(api.POST('/api/v1/evaluations/{id}/attendance', { params: { path: { id } }, body: { self: true } }));
      setCheckedIn(true);
      setTick((n) => n + 1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'forbidden') setRefused(true);
      setRefusal(error);
    } finally {
      setCheckingIn(false);
    }
  };

  const cast = async (choice: EvaluationGrade) => {
    setPhase({ step: 'sending', choice });
    setRefusal(null);
    try {
      await unwrap(api.POST('/api/v1/evaluations/{id}/ballots', { params: { path: { id } }, body: { choice } }));
      markVoted();
      onVoted?.();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        // Voted already (another device), or the vote closed meanwhile: the member's standing says which.
        const now = await unwrap(api.GET('/api/v1/evaluations/{id}/me', { params: { path: { id } } })).catch(() => undefined);
        if (now?.voted) markVoted();
        else setPhase({ step: 'choose' });
        setTick((n) => n + 1);
        return;
      }
      // Refused (not checked in, not on the roster) or no answer: the choice is dropped, the reason shown.
      setPhase({ step: 'choose' });
      setRefusal(error);
      setTick((n) => n + 1);
    }
  };

  let content: ReactNode;
  if (!e) {
    content =
      evaluation.error instanceof ApiError && evaluation.error.code === 'not-found' ? (
        <StatusView kind="not-found" title={t('evaluations.notFound')} />
      ) : evaluation.error ? (
        <StatusView kind="error" error={evaluation.error} onRetry={evaluation.reload} />
      ) : (
        <StatusView kind="loading" />
      );
  } else if (!mayVote || e.unitCode !== session.unitCode) {
    const role = primaryRole(session.roles);
    content = (
      <VoteState icon={<StopOutlined />} tone="muted" title={t('vote.notVoter')}>
        {t('vote.notVoterHint', { role: role ? t(`role.${role}`) : '' })}
      </VoteState>
    );
  } else if (voted) {
    content = (
      <VoteState icon={<CheckCircleFilled />} tone="success" title={t('vote.done')} live>
        {t('vote.doneHint')}
        {status === 'closed' && <p>{t('vote.doneClosed')}</p>}
      </VoteState>
    );
  } else if (status === 'closed') {
    content = (
      <VoteState icon={<LockOutlined />} tone="muted" title={t('vote.closed')}>
        {t('vote.closedHint')}
      </VoteState>
    );
  } else if (notOnRoster) {
    content = (
      <VoteState icon={<StopOutlined />} tone="muted" title={t('vote.notOnRoster')}>
        {t('vote.notOnRosterHint')}
      </VoteState>
    );
  } else {
    const present = checkedIn || me?.present === true;
    const checkInBlock = !present && (
      <div className="vote-checkin">
        <p>{me?.onRoster ? t('vote.notCheckedIn') : t('vote.checkInFirst')}</p>
        <Button type="primary" size="large" block icon={<LoginOutlined />} loading={checkingIn} onClick={() => void checkIn()} className="vote-big-button">
          {t('vote.checkIn')}
        </Button>
      </div>
    );
    if (status !== 'open') {
      content = (
        <VoteState icon={<ClockCircleOutlined />} tone="waiting" title={t('vote.notOpen')} live>
          {present ? t('vote.notOpenCheckedIn') : t('vote.notOpenHint')}
          {checkInBlock}
          <div className="vote-waiting" aria-hidden>
            <Spin size="small" /> {t('vote.waiting')}
          </div>
        </VoteState>
      );
    } else if (!present && me) {
      content = (
        <VoteState icon={<UserOutlined />} tone="waiting" title={t('vote.checkInTitle')}>
          {checkInBlock}
        </VoteState>
      );
    } else if (!me && !mine.error && !checkedIn) {
      content = <StatusView kind="loading" />;
    } else if (phase.step === 'choose') {
      content = <Ballot onChoose={(choice) => setPhase({ step: 'confirm', choice })} />;
    } else {
      content = <Confirm choice={phase.choice} sending={phase.step === 'sending'} onConfirm={() => void cast(phase.choice)} onBack={() => setPhase({ step: 'choose' })} />;
    }
  }

  return (
    <main className="vote-page" id="main">
      <header className="vote-header">
        <div className="vote-brand">{t('vote.heading')}</div>
        {e && (
          <>
            <h1 className="vote-title">{e.reportTitle}</h1>
            <div className="vote-session">{e.session}</div>
          </>
        )}
        <div className="vote-identity">
          <span>
            <UserOutlined aria-hidden /> {t('vote.signedInAs', { name: session.name })}
          </span>
          {headerExtra}
        </div>
      </header>
      {refusal !== null && <RefusalAlert error={refusal} />}
      <section className="vote-body" aria-live="polite">
        {content}
      </section>
      <footer className="vote-footer">
        <p className="vote-secret">
          <LockOutlined aria-hidden /> {t('vote.secretNote')}
        </p>
        {footerLink}
      </footer>
    </main>
  );
}

function RefusalAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const info = describeError(error, t);
  return <Alert className="vote-refusal" type="error" showIcon title={info.title} description={info.description} role="alert" />;
}

/** A state of the page: an icon, a heading that takes the focus, an explanation. */
function VoteState({ icon, tone, title, children, live }: { icon: ReactNode; tone: 'success' | 'muted' | 'waiting'; title: string; children?: ReactNode; live?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [title]);
  return (
    <div className={`vote-state vote-state-${tone}`} role={live ? 'status' : undefined}>
      <div className="vote-state-icon" aria-hidden>
        {icon}
      </div>
      <h2 ref={heading} tabIndex={-1} className="vote-state-title">
        {title}
      </h2>
      <div className="vote-state-text">{children}</div>
    </div>
  );
}

/** The three choices, as large buttons. */
function Ballot({ onChoose }: { onChoose: (choice: EvaluationGrade) => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="vote-ballot">
      <h2 ref={heading} tabIndex={-1} className="vote-question">
        {t('vote.question')}
      </h2>
      <div className="vote-choices" role="group" aria-label={t('vote.choices')}>
        {EVALUATION_GRADES.map((g) => (
          <button key={g} type="button" className={`vote-choice vote-choice-${g}`} onClick={() => onChoose(g)}>
            {t(`grade.${g}`)}
          </button>
        ))}
      </div>
      <p className="vote-hint">{t('vote.chooseHint')}</p>
    </div>
  );
}

/** The confirmation: the choice once more, then cast (final) or back. */
function Confirm({ choice, sending, onConfirm, onBack }: { choice: EvaluationGrade; sending: boolean; onConfirm: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !sending) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sending, onBack]);
  return (
    <div className="vote-confirm" role="group" aria-labelledby="vote-confirm-title" aria-describedby="vote-confirm-text">
      <h2 id="vote-confirm-title" ref={heading} tabIndex={-1} className="vote-question">
        {t('vote.confirmTitle')}
      </h2>
      <div className={`vote-confirm-choice vote-choice-${choice}`}>{t(`grade.${choice}`)}</div>
      <p id="vote-confirm-text" className="vote-hint">
        {t('vote.confirmHint')}
      </p>
      <div className="vote-confirm-actions">
        <Button type="primary" size="large" block className="vote-big-button" loading={sending} onClick={onConfirm}>
          {sending ? t('vote.sending') : t('vote.confirm')}
        </Button>
        <Button size="large" block className="vote-big-button" disabled={sending} onClick={onBack}>
          {t('vote.change')}
        </Button>
      </div>
    </div>
  );
}
