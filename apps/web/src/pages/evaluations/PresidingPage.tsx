import { ArrowLeftOutlined, CompressOutlined, ExpandOutlined, StopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EVALUATION_GRADES } from '../../api/enums';
import { ApiError, isAbort } from '../../api/problem';
import type { EvaluationProgress, EvaluationResult } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useSession } from '../../auth/AuthProvider';
import { usePermissions } from '../../app/permissions';
import { EChart } from '../../components/charts/EChart';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { useCloseEvaluation } from './evaluation-actions';
import { SseParser, parseProgress, percent } from './evaluation-logic';
import { GRADE_COLORS, useResultChart } from './evaluation-ui';

/** Polling while the event stream is down; the stream is tried again after a while. */
const POLL_MS = 2000;
const RECONNECT_MS = 15_000;
/** The server sends a comment at least every 15 s: longer silence means the stream is dead. */
const STALE_MS = 40_000;

type Channel = 'connecting' | 'stream' | 'polling';

/**
 * The live count for the hall: the server-sent event stream of GET …/progress (read with fetch,
 * since EventSource cannot send the access token), polling the same endpoint when the stream
 * drops. Counts only: ballots cast, present, roster — never a count by choice.
 */
function useLiveProgress(id: string) {
  const [progress, setProgress] = useState<EvaluationProgress>();
  const [channel, setChannel] = useState<Channel>('connecting');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let stopped = false;
    let finished = false;
    let connection: AbortController | null = null;
    let pollTimer: number | undefined;
    let retryTimer: number | undefined;
    let watchdog: number | undefined;

    const accept = (next: EvaluationProgress) => {
      setProgress(next);
      setError(null);
      if (next.status === 'closed') {
        finished = true;
        stop();
      }
    };
    const stop = () => {
      window.clearInterval(pollTimer);
      window.clearTimeout(retryTimer);
      window.clearInterval(watchdog);
      connection?.abort();
    };
    const poll = async () => {
      try {
        accept(await unwrap(api.GET('/api/v1/evaluations/{id}/progress', { params: { path: { id } } })));
      } catch (e) {
        if (!isAbort(e)) setError(e);
      }
    };
    const fallBack = () => {
      if (stopped || finished) return;
      setChannel('polling');
      window.clearInterval(pollTimer);
      void poll();
      pollTimer = window.setInterval(() => void poll(), POLL_MS);
      retryTimer = window.setTimeout(() => {
        window.clearInterval(pollTimer);
        void connect();
      }, RECONNECT_MS);
    };
    const connect = async () => {
      if (stopped || finished) return;
      const controller = new AbortController();
      connection = controller;
      let lastSeen = Date.now();
      window.clearInterval(watchdog);
      watchdog = window.setInterval(() => {
        if (Date.now() - lastSeen > STALE_MS) controller.abort();
      }, 5000);
      try {
        const { data, response } = await api.GET('/api/v1/evaluations/{id}/progress', {
          params: { path: { id } },
          headers: { Accept: 'text/event-stream' },
          parseAs: 'stream',
          signal: controller.signal,
        });
        if (!response.ok || !data) {
          // Refused or unknown: no point in streaming again; the plain request reports the problem.
          if (response.status === 403 || response.status === 404) {
            await poll();
            return;
          }
          throw new Error(`progress stream: ${response.status}`);
        }
        if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
          // A proxy that does not stream answered with the JSON: use it, then poll.
          throw new Error('progress stream: not an event stream');
        }
        setChannel('stream');
        const parser = new SseParser();
        const reader = data.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          lastSeen = Date.now();
          for (const event of parser.push(value)) {
            const next = event.event === 'progress' ? parseProgress(event.data) : undefined;
            if (next) accept(next);
          }
        }
        if (!finished) throw new Error('progress stream ended');
      } catch (e) {
        if (stopped || finished) return;
        if (isAbort(e) && connection !== controller) return;
        fallBack();
      } finally {
        window.clearInterval(watchdog);
      }
    };
    void connect();
    return () => {
      stopped = true;
      stop();
    };
  }, [id]);

  return { progress, channel, error };
}

function useFullscreen() {
  const [on, setOn] = useState(() => typeof document !== 'undefined' && !!document.fullscreenElement);
  useEffect(() => {
    const change = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', change);
    return () => document.removeEventListener('fullscreenchange', change);
  }, []);
  const toggle = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled;
  return { on, toggle, supported };
}

/**
 * 主持屏: the meeting hall's projector. Very large figures (ballots cast / present / roster)
 * while voting; at the close the result is revealed: counts, rates, grade, chart.
 */
export default function PresidingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const can = usePermissions();
  const fullscreen = useFullscreen();
  const live = useLiveProgress(id);
  const [closedResult, setClosedResult] = useState<EvaluationResult>();
  const evaluation = useApiQuery(['presiding-evaluation', id, live.progress?.status], (signal) =>
    unwrap(api.GET('/api/v1/evaluations/{id}', { params: { path: { id } }, signal })),
  );
  const e = evaluation.data;
  const status = live.progress?.status ?? e?.status;
  const fetched = useApiQuery(status === 'closed' && !closedResult ? ['presiding-result', id] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations/{id}/result', { params: { path: { id } }, signal })),
  );
  const result = closedResult ?? fetched.data;
  // The reveal is the announcement: no toast over the hall's screen.
  const close = useCloseEvaluation(setClosedResult, { quiet: true });
  const chart = useResultChart(result, { dark: true, fontSize: 22 });

  // F toggles full screen (the operator's keyboard at the lectern).
  const toggleFullscreen = fullscreen.toggle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA'].includes(target.tagName)) return;
      if ((event.key === 'f' || event.key === 'F') && !event.ctrlKey && !event.metaKey && !event.altKey) toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleFullscreen]);

  if (!e) {
    const error = evaluation.error ?? live.error;
    return (
      <main className="presiding-page presiding-status">
        {error instanceof ApiError && error.code === 'not-found' ? (
          <StatusView kind="not-found" title={t('evaluations.notFound')} />
        ) : error ? (
          <StatusView kind="error" error={error} onRetry={evaluation.reload} />
        ) : (
          <StatusView kind="loading" />
        )}
      </main>
    );
  }

  const p = live.progress ?? { evaluationId: e.id, status: e.status, roster: e.roster, present: e.present, ballots: e.ballots };
  const mayClose = status === 'open' && e.unitCode === session.unitCode && can.call('POST /api/v1/evaluations/{id}/close');

  return (
    <main className="presiding-page" id="main">
      <header className={status === 'closed' ? 'presiding-header presiding-header-compact' : 'presiding-header'}>
        <div className="presiding-session">{e.session}</div>
        <h1 className="presiding-title">{e.reportTitle}</h1>
        <div className="presiding-subtitle">
          {t('presiding.subtitle', { date: format.longDate(e.heldOn) })}
          <span className={`presiding-badge presiding-badge-${status}`}>{status ? t(`presiding.status.${status}`) : ''}</span>
        </div>
      </header>

      {status === 'closed' ? (
        result ? (
          <section className="presiding-result" aria-labelledby="presiding-result-title" aria-live="polite">
            <h2 id="presiding-result-title" className="presiding-result-title">
              {t('presiding.resultTitle')}
            </h2>
            <div className="presiding-result-body">
              <div className="presiding-result-summary">
                <div className="presiding-grade" style={{ color: GRADE_COLORS[result.grade] }} data-testid="presiding-grade">
                  {t(`grade.${result.grade}`)}
                </div>
                <div className="presiding-rates">
                  <div>
                    <span className="presiding-figure-label">{t('presiding.satisfactionRate')}</span>
                    <span className="presiding-rate">{percent(result.satisfactionRate)}</span>
                  </div>
                  <div>
                    <span className="presiding-figure-label">{t('presiding.satisfiedRate')}</span>
                    <span className="presiding-rate">{percent(result.satisfiedRate)}</span>
                  </div>
                </div>
                <div className="presiding-counts">
                  {EVALUATION_GRADES.map((g) => (
                    <div key={g} className="presiding-count" style={{ borderColor: GRADE_COLORS[g] }}>
                      <span className="presiding-figure-label">{t(`grade.${g}`)}</span>
                      <span className="presiding-count-value">{result.counts[g]}</span>
                    </div>
                  ))}
                  <div className="presiding-count" style={{ borderColor: GRADE_COLORS.notVoting }}>
                    <span className="presiding-figure-label">{t('evaluations.result.notVoting')}</span>
                    <span className="presiding-count-value">{result.counts.notVoting}</span>
                  </div>
                </div>
              </div>
              {chart && <EChart option={chart} ariaLabel={t('evaluations.result.chart')} height="46vh" className="presiding-chart" />}
            </div>
            <p className="presiding-result-note">
              {t('presiding.resultNote', { ballots: result.ballots, present: result.present, roster: result.roster })}
            </p>
          </section>
        ) : fetched.error ? (
          <StatusView kind="error" error={fetched.error} onRetry={fetched.reload} />
        ) : (
          <StatusView kind="loading" />
        )
      ) : (
        <section className="presiding-live" aria-label={t('presiding.liveLabel')}>
          <div className="presiding-figures" role="status" aria-live="polite" aria-atomic="true">
            <Figure label={t('presiding.ballots')} value={p.ballots} main testId="presiding-ballots" />
            <Figure label={t('presiding.present')} value={p.present} testId="presiding-present" />
            <Figure label={t('presiding.roster')} value={p.roster} testId="presiding-roster" />
          </div>
          <div className="presiding-bar" aria-hidden>
            <div className="presiding-bar-fill" style={{ width: `${p.present ? Math.min(100, (p.ballots / p.present) * 100) : 0}%` }} />
          </div>
          <p className="presiding-message">
            {status === 'open' ? t('presiding.openMessage', { remaining: Math.max(0, p.present - p.ballots) }) : t('presiding.waitingMessage')}
          </p>
        </section>
      )}

      <footer className="presiding-controls" aria-label={t('presiding.controls')}>
        <Link to={`/evaluations/${e.id}`} className="presiding-control-link">
          <ArrowLeftOutlined aria-hidden /> {t('presiding.back')}
        </Link>
        <span className={`presiding-channel presiding-channel-${live.channel}`} role="status">
          {status === 'closed' ? t('presiding.channel.closed') : t(`presiding.channel.${live.channel}`)}
        </span>
        {fullscreen.supported && (
          <Button ghost size="large" icon={fullscreen.on ? <CompressOutlined /> : <ExpandOutlined />} onClick={fullscreen.toggle} aria-pressed={fullscreen.on}>
            {fullscreen.on ? t('presiding.exitFullscreen') : t('presiding.fullscreen')}
          </Button>
        )}
        {mayClose && (
          <Button danger type="primary" size="large" icon={<StopOutlined />} onClick={() => close({ id: e.id, ballots: p.ballots, present: p.present })}>
            {t('presiding.close')}
          </Button>
        )}
      </footer>
    </main>
  );
}

function Figure({ label, value, main, testId }: { label: string; value: number; main?: boolean; testId: string }) {
  return (
    <div className={main ? 'presiding-figure presiding-figure-main' : 'presiding-figure'}>
      <span className="presiding-figure-value" data-testid={testId}>
        {value}
      </span>
      <span className="presiding-figure-label">{label}</span>
    </div>
  );
}
