import {
  CheckCircleOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  FileTextOutlined,
  FundProjectionScreenOutlined,
  LoginOutlined,
  PlayCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Input, Progress, Row, Space, Statistic, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { actionsOf } from '../../api/actions';
import { ApiError } from '../../api/problem';
import type { Evaluation, EvaluationRosterEntry } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useSession } from '../../auth/AuthProvider';
import { usePermissions } from '../../app/permissions';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { PaperResultModal, PostponeModal, useActionError, useCloseEvaluation } from './evaluation-actions';
import { fraction } from './evaluation-logic';
import { ResultView, RuleDescription, StatusTag, useBodies } from './evaluation-ui';

/** How often the page refreshes the counts while members check in and vote. */
const LIVE_MS = 4000;

/**
 * 测评详情: the evaluation, the rule in force, attendance (the clerk marks, members check in),
 * the organiser's actions that are legal now (and why the others are not), the result once closed.
 */
export default function EvaluationDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSession();
  const can = usePermissions();
  const { message } = App.useApp();
  const fail = useActionError();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'postpone' | 'paper' | null>(null);

  const evaluation = useApiQuery(['evaluation', id, tick], (signal) => unwrap(api.GET('/api/v1/evaluations/{id}', { params: { path: { id } }, signal })));
  const e = evaluation.data;
  const roster = useApiQuery(e ? ['evaluation-roster', id, tick, e.version] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations/{id}/roster', { params: { path: { id } }, signal })),
  );
  const closed = e?.status === 'closed';
  const mine = useApiQuery(e && e.unitCode === session.unitCode && can.call('POST /api/v1/evaluations/{id}/ballots') ? ['evaluation-me', id, tick, e.version] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations/{id}/me', { params: { path: { id } }, signal })),
  );
  const result = useApiQuery(closed ? ['evaluation-result', id] : null, (signal) => unwrap(api.GET('/api/v1/evaluations/{id}/result', { params: { path: { id } }, signal })));
  const bodies = useBodies(e?.unitCode);
  // Names for the links (the evaluation carries only ids); a failure leaves a plain link.
  const project = useApiQuery(e ? ['evaluation-project', e.projectId] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: e!.projectId } }, signal })),
  );
  const opinion = useApiQuery(e?.opinionId ? ['evaluation-opinion', e.opinionId] : null, (signal) =>
    unwrap(api.GET('/api/v1/opinions/{id}', { params: { path: { id: e!.opinionId! } }, signal })),
  );
  const close = useCloseEvaluation(() => setTick((n) => n + 1));

  // While people check in and vote, the counts follow.
  const live = e?.status === 'open' || e?.status === 'draft' || e?.status === 'postponed';
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), LIVE_MS);
    return () => window.clearInterval(timer);
  }, [live]);

  if (!e) {
    if (evaluation.error instanceof ApiError && evaluation.error.code === 'not-found') return <StatusView kind="not-found" title={t('evaluations.notFound')} />;
    if (evaluation.error instanceof ApiError && evaluation.error.code === 'forbidden') return <StatusView kind="forbidden" error={evaluation.error} />;
    if (evaluation.error) return <StatusView kind="error" error={evaluation.error} onRetry={evaluation.reload} />;
    return <StatusView kind="loading" />;
  }

  const ownUnit = e.unitCode === session.unitCode;
  const organiser = ownUnit && can.call('POST /api/v1/evaluations/{id}/open');
  const voter = ownUnit && can.call('POST /api/v1/evaluations/{id}/ballots');
  // What this caller may do now, as voting's rules table says (allowedActions): open, close, postpone, paper count, check in.
  const act = actionsOf(e);
  const me = mine.data;
  const refresh = () => setTick((n) => n + 1);
  // After a paper or device count the evaluation has no electronic ballots: the result has the figures.
  const counted = closed && result.data ? { present: result.data.present, ballots: result.data.ballots } : { present: e.present, ballots: e.ballots };

  const run = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    try {
      await action();
      void message.success(done);
      refresh();
    } catch (error) {
      fail(error);
      refresh();
    } finally {
      setBusy(null);
    }
  };

  const open = () => run('open', () => unwrap(api.POST('/api/v1/evaluations/{id}/open', { params: { path: { id } } })), t('evaluations.actions.opened'));
  const checkIn = () =>
    run('checkIn', () => unwrap(api.POST('/api/v1/evaluations/{id}/attendance', { params: { path: { id } }, body: { self: true } })), t('evaluations.attendance.checkedIn'));
  const mark = (present: string[], absent: string[]) =>
    run('mark', () => unwrap(api.POST('/api/v1/evaluations/{id}/attendance', { params: { path: { id } }, body: { present, absent } })), t('evaluations.attendance.saved'));

  return (
    <PageContainer
      title={e.reportTitle}
      description={
        <Space size={8} wrap>
          <StatusTag status={e.status} />
          <span>{e.session}</span>
          <span>{format.longDate(e.heldOn)}</span>
        </Space>
      }
      extra={
        <>
          <Link to={`/evaluations/${e.id}/presiding`}>
            <Button icon={<FundProjectionScreenOutlined />}>{t('evaluations.toPresiding')}</Button>
          </Link>
          {voter && (act.offered('checkIn') || act.offered('cast')) && (
            <Link to={`/evaluations/${e.id}/vote`}>
              <Button type="primary" icon={<CheckSquareOutlined />}>
                {e.status === 'open' ? t('evaluations.goVote') : t('evaluations.goVotePage')}
              </Button>
            </Link>
          )}
        </>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('evaluations.detail.progress')}>
              <Row gutter={16}>
                <Col xs={8}>
                  <Statistic title={t('evaluations.progress.roster')} value={e.roster} suffix={t('evaluations.unitPeople')} />
                </Col>
                <Col xs={8}>
                  <Statistic title={t('evaluations.progress.present')} value={counted.present} suffix={t('evaluations.unitPeople')} />
                </Col>
                <Col xs={8}>
                  <Statistic title={t('evaluations.progress.ballots')} value={counted.ballots} suffix={t('evaluations.unitPeople')} />
                </Col>
              </Row>
              {!closed && e.status !== 'open' && (
                <div className="evaluation-quorum">
                  <Typography.Text>
                    {t('evaluations.quorum.rule', { present: e.present, roster: e.roster, rate: fraction(e.rule.quorumAbove) })}
                    {organiser && act.may('open') ? ` ${t('evaluations.quorum.ready')}` : ''}
                  </Typography.Text>
                  <Progress
                    percent={Math.round((e.present / Math.max(e.roster, 1)) * 100)}
                    success={{ percent: 0 }}
                    status={organiser && act.may('open') ? 'success' : 'normal'}
                    aria-label={t('evaluations.quorum.label')}
                  />
                </div>
              )}
              {e.status === 'open' && <Alert type="info" showIcon title={t('evaluations.openNotice')} />}
              {organiser && !closed && (
                <div className="evaluation-actions" role="group" aria-label={t('evaluations.actions.label')}>
                  <Space wrap>
                    {act.offered('open') && (
                      <Button type="primary" icon={<PlayCircleOutlined />} disabled={!act.may('open')} loading={busy === 'open'} onClick={() => void open()}>
                        {t('evaluations.actions.open')}
                      </Button>
                    )}
                    {act.offered('close') && (
                      <Button type="primary" danger icon={<StopOutlined />} disabled={!act.may('close')} onClick={() => close(e)}>
                        {t('evaluations.actions.close')}
                      </Button>
                    )}
                    {act.may('postpone') && (
                      <Button icon={<ClockCircleOutlined />} onClick={() => setDialog('postpone')}>
                        {t('evaluations.actions.postpone')}
                      </Button>
                    )}
                    {act.may('paperResult') && (
                      <Button icon={<FileTextOutlined />} onClick={() => setDialog('paper')}>
                        {t('evaluations.actions.paper')}
                      </Button>
                    )}
                  </Space>
                  {act.reason('open') && (
                    <Typography.Paragraph type="warning" className="evaluation-blocked" role="note">
                      {act.reason('open')}
                    </Typography.Paragraph>
                  )}
                  {act.may('paperResult') && <Typography.Paragraph type="secondary">{t('evaluations.actions.paperHint')}</Typography.Paragraph>}
                </div>
              )}
              {voter && act.offered('checkIn') && (
                <MyAttendance entry={me} loading={busy === 'checkIn'} onCheckIn={() => void checkIn()} />
              )}
            </Card>

            {closed && (
              <Card size="small" title={t('evaluations.detail.result')}>
                {result.data ? (
                  <ResultView result={result.data} />
                ) : result.error ? (
                  <StatusView kind="error" compact error={result.error} onRetry={result.reload} />
                ) : (
                  <StatusView kind="loading" compact />
                )}
              </Card>
            )}
            {e.status === 'postponed' && e.postponedFrom && (
              <Alert type="warning" showIcon title={t('evaluations.postponedFrom', { date: format.date(e.postponedFrom), to: format.date(e.heldOn) })} />
            )}
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('evaluations.detail.about')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('evaluations.fields.session')}>{e.session}</Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.heldOn')}>{format.date(e.heldOn)}</Descriptions.Item>
                <Descriptions.Item label={t('evaluations.fields.project')}>
                  <Link to={`/projects/${e.projectId}`}>{project.data?.title ?? t('evaluations.detail.toProject')}</Link>
                </Descriptions.Item>
                {e.opinionId && (
                  <Descriptions.Item label={t('evaluations.fields.opinion')}>
                    <Link to={`/opinions/${e.opinionId}`}>
                      {opinion.data ? t('evaluations.detail.opinionOf', { session: opinion.data.session }) : t('evaluations.detail.toOpinion')}
                    </Link>
                  </Descriptions.Item>
                )}
                {e.bodyId && <Descriptions.Item label={t('evaluations.fields.body')}>{bodies.names.get(e.bodyId) ?? '—'}</Descriptions.Item>}
                {e.openedAt && <Descriptions.Item label={t('evaluations.detail.openedAt')}>{format.dateTime(e.openedAt)}</Descriptions.Item>}
                {e.closedAt && <Descriptions.Item label={t('evaluations.detail.closedAt')}>{format.dateTime(e.closedAt)}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card size="small" title={t('evaluations.detail.rule')}>
              <RuleDescription rule={e.rule} />
              <Typography.Paragraph type="secondary" className="evaluation-rule-note">
                {t('evaluations.rule.frozen')}
              </Typography.Paragraph>
            </Card>
          </Space>
        </Col>
        <Col xs={24}>
          <RosterCard evaluation={e} roster={roster.data?.items} error={roster.error} onRetry={roster.reload} editable={act.may('recordAttendance')} busy={busy === 'mark'} onMark={(p, a) => void mark(p, a)} />
        </Col>
      </Row>
      {organiser && dialog === 'postpone' && <PostponeModal evaluation={e} onClose={() => setDialog(null)} onDone={refresh} />}
      {organiser && dialog === 'paper' && <PaperResultModal evaluation={e} onClose={() => setDialog(null)} onDone={refresh} />}
    </PageContainer>
  );
}

/** The signed-in member's own attendance: checked in, or a button to check in. */
function MyAttendance({ entry, loading, onCheckIn }: { entry: { onRoster: boolean; present: boolean } | undefined; loading: boolean; onCheckIn: () => void }) {
  const { t } = useTranslation();
  if (entry?.present) {
    return (
      <Alert className="evaluation-my-attendance" type="success" showIcon icon={<CheckCircleOutlined />} title={t('evaluations.attendance.youArePresent')} />
    );
  }
  return (
    <Alert
      className="evaluation-my-attendance"
      type="info"
      showIcon
      title={entry?.onRoster ? t('evaluations.attendance.youAreAbsent') : t('evaluations.attendance.checkInHint')}
      action={
        <Button type="primary" icon={<LoginOutlined />} loading={loading} onClick={onCheckIn}>
          {t('evaluations.attendance.checkIn')}
        </Button>
      }
    />
  );
}

interface RosterCardProps {
  evaluation: Evaluation;
  roster: EvaluationRosterEntry[] | undefined;
  error: unknown;
  onRetry: () => void;
  editable: boolean;
  busy: boolean;
  onMark: (present: string[], absent: string[]) => void;
}

/** 组成人员名单与出席: only attendance, never anything about a ballot. The clerk marks people present or absent. */
function RosterCard({ evaluation, roster, error, onRetry, editable, busy, onMark }: RosterCardProps) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => (roster ?? []).filter((r) => !filter.trim() || r.name.includes(filter.trim()) || r.title.includes(filter.trim())), [roster, filter]);
  const columns = useMemo<TableColumnsType<EvaluationRosterEntry>>(
    () => [
      { title: t('evaluations.roster.name'), dataIndex: 'name', width: 120 },
      { title: t('evaluations.roster.title'), dataIndex: 'title' },
      {
        title: t('evaluations.roster.present'),
        dataIndex: 'present',
        width: 140,
        render: (present: boolean, r: EvaluationRosterEntry) =>
          editable ? (
            <Switch
              checked={present}
              disabled={busy}
              checkedChildren={t('evaluations.roster.presentYes')}
              unCheckedChildren={t('evaluations.roster.presentNo')}
              aria-label={t('evaluations.roster.toggle', { name: r.name })}
              onChange={(next) => onMark(next ? [r.personId] : [], next ? [] : [r.personId])}
            />
          ) : present ? (
            <Tag color="success">{t('evaluations.roster.presentYes')}</Tag>
          ) : (
            <Tag>{t('evaluations.roster.presentNo')}</Tag>
          ),
      },
    ],
    [t, editable, busy, onMark],
  );
  const present = (roster ?? []).filter((r) => r.present).length;
  return (
    <Card
      size="small"
      title={t('evaluations.roster.heading', { present, roster: roster?.length ?? evaluation.roster })}
      extra={<Input.Search allowClear placeholder={t('evaluations.roster.search')} aria-label={t('evaluations.roster.search')} onChange={(ev) => setFilter(ev.target.value)} style={{ width: 200 }} />}
    >
      <Typography.Paragraph type="secondary">{t('evaluations.roster.note')}</Typography.Paragraph>
      {editable && (
        <Space wrap className="evaluation-roster-actions">
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => {
              onMark(selected, []);
              setSelected([]);
            }}
          >
            {t('evaluations.roster.markPresent', { count: selected.length })}
          </Button>
          <Button
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => {
              onMark([], selected);
              setSelected([]);
            }}
          >
            {t('evaluations.roster.markAbsent', { count: selected.length })}
          </Button>
        </Space>
      )}
      {error ? (
        <StatusView kind="error" compact error={error} onRetry={onRetry} />
      ) : (
        <Table<EvaluationRosterEntry>
          rowKey="personId"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={!roster}
          pagination={false}
          rowSelection={editable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 48 } : undefined}
          locale={{ emptyText: roster ? <StatusView kind="empty" compact title={t('evaluations.roster.empty')} /> : <StatusView kind="loading" compact /> }}
        />
      )}
    </Card>
  );
}
