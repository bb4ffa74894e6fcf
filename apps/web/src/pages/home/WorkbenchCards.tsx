import { AlertOutlined, CalendarOutlined, CheckSquareOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Card, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { useUnit } from '../../app/unit-context';
import { StatusView } from '../../components/StatusView';
import { beijing, todayInBeijing } from '../../format/date';
import { useFormat } from '../../format/useFormat';
import { upcomingItems, type UpcomingItem } from './upcoming';

const LIST_SIZE = 5;

interface Task {
  key: string;
  label: ReactNode;
  count: number;
  /** The count is a lower bound (a page was full). */
  more?: boolean;
  to: string;
}

/**
 * 我的待办: what waits for this person, by what they may do — close-out requests to verify
 * (staff), extension requests to decide (leaders), ballots to cast (members) — each a link to
 * where it is done. Only the lists this person may read are asked for.
 */
export function MyTasksCard() {
  const { t } = useTranslation();
  const { unitCode, readOnly } = useUnit();
  const can = usePermissions();
  const verifies = can.call('POST /api/v1/problems/{id}/verification');
  const decides = can.call('POST /api/v1/problems/{id}/extensions/{extensionId}/decision');
  const votes = can.call('POST /api/v1/evaluations/{id}/ballots');
  const tasks = useApiQuery(unitCode && !readOnly ? ['my-tasks', unitCode, verifies, decides, votes] : null, async (signal) => {
    const out: Task[] = [];
    if (verifies) {
      const counts = await unwrap(api.GET('/api/v1/problems/counts', { params: { query: { unit: unitCode!, status: 'close-requested' } }, signal }));
      out.push({ key: 'verify', label: t('home.tasks.verify'), count: counts.total, to: '/problems?status=close-requested' });
    }
    if (decides) {
      const page = await unwrap(api.GET('/api/v1/problems', { params: { query: { unit: unitCode!, extension: 'pending', limit: 50 } }, signal }));
      out.push({ key: 'decide', label: t('home.tasks.decide'), count: page.items.length, more: !!page.nextCursor, to: page.items.length === 1 ? `/problems/${page.items[0].id}` : '/problems?status=rectifying' });
    }
    if (votes) {
      const page = await unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unitCode!, status: 'open', limit: 20 } }, signal }));
      out.push({ key: 'vote', label: t('home.tasks.vote'), count: page.items.length, to: page.items.length === 1 ? `/evaluations/${page.items[0].id}/vote` : '/evaluations?status=open' });
    }
    return out;
  });

  return (
    <Card title={<><CheckSquareOutlined /> {t('home.myTasks')}</>} className="workbench-card">
      {readOnly ? (
        <StatusView kind="empty" compact title={t('home.tasks.readOnly')} />
      ) : tasks.error ? (
        <StatusView kind="error" compact error={tasks.error} onRetry={tasks.reload} />
      ) : !tasks.data ? (
        <StatusView kind="loading" compact />
      ) : tasks.data.length === 0 ? (
        <StatusView kind="empty" compact title={t('home.tasks.none')} />
      ) : (
        <List
          dataSource={tasks.data}
          renderItem={(task) => (
            <List.Item extra={<RightOutlined aria-hidden />}>
              <Space>
                <Badge count={task.more ? `${task.count}+` : task.count} showZero color={task.count > 0 ? undefined : '#bfbfbf'} />
                <Link to={task.to}>{task.label}</Link>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 逾期问题: the unit's problems past their deadline and not closed, most overdue first is the ledger's job; here the count and a few. */
export function OverdueCard() {
  const { t } = useTranslation();
  const { unitCode } = useUnit();
  const can = usePermissions();
  const format = useFormat();
  const reads = can.call('GET /api/v1/problems');
  const overdue = useApiQuery(reads && unitCode ? ['home-overdue', unitCode] : null, async (signal) => {
    const [counts, page] = await Promise.all([
      unwrap(api.GET('/api/v1/problems/counts', { params: { query: { unit: unitCode!, overdue: 'true' } }, signal })),
      unwrap(api.GET('/api/v1/problems', { params: { query: { unit: unitCode!, overdue: 'true', limit: LIST_SIZE } }, signal })),
    ]);
    return { total: counts.total, items: page.items };
  });
  if (!reads) return null;
  const today = beijing(todayInBeijing());
  return (
    <Card
      title={<><AlertOutlined /> {t('home.overdue')}</>}
      className="workbench-card"
      extra={overdue.data && overdue.data.total > 0 && <Link to="/problems?overdue=true">{t('home.overdueAll', { count: overdue.data.total })}</Link>}
    >
      {overdue.error ? (
        <StatusView kind="error" compact error={overdue.error} onRetry={overdue.reload} />
      ) : !overdue.data ? (
        <StatusView kind="loading" compact />
      ) : overdue.data.total === 0 ? (
        <StatusView kind="empty" compact title={t('home.noOverdue')} />
      ) : (
        <List
          dataSource={overdue.data.items}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Link to={`/problems/${p.id}`}>
                  <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                    {p.number} {p.description}
                  </Typography.Text>
                </Link>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('home.overdueBy', { date: format.date(p.deadline), days: p.deadline ? today.diff(beijing(p.deadline), 'day') : 0 })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 近期节点与会议: roadmap milestones not done and satisfaction evaluations to be held, in the next weeks. */
export function UpcomingCard() {
  const { t } = useTranslation();
  const { unitCode } = useUnit();
  const can = usePermissions();
  const format = useFormat();
  const readsMap = can.call('GET /api/v1/battle-map');
  const readsEvaluations = can.call('GET /api/v1/evaluations');
  const upcoming = useApiQuery(unitCode && (readsMap || readsEvaluations) ? ['home-upcoming', unitCode] : null, async (signal) => {
    const today = todayInBeijing();
    const year = beijing(today).year();
    const [map, evaluations] = await Promise.all([
      readsMap ? unwrap(api.GET('/api/v1/battle-map', { params: { query: { unit: unitCode!, year } }, signal })) : undefined,
      readsEvaluations ? unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unitCode!, status: 'draft', limit: 50 } }, signal })) : undefined,
    ]);
    return upcomingItems({ today, map, evaluations: evaluations?.items ?? [], limit: 6 });
  });
  if (!readsMap && !readsEvaluations) return null;
  const colour = (item: UpcomingItem) => (item.late ? 'red' : item.kind === 'evaluation' ? 'purple' : 'blue');
  return (
    <Card title={<><CalendarOutlined /> {t('home.upcoming')}</>} className="workbench-card">
      {upcoming.error ? (
        <StatusView kind="error" compact error={upcoming.error} onRetry={upcoming.reload} />
      ) : !upcoming.data ? (
        <StatusView kind="loading" compact />
      ) : upcoming.data.length === 0 ? (
        <StatusView kind="empty" compact title={t('home.noUpcoming')} />
      ) : (
        <List
          dataSource={upcoming.data}
          renderItem={(item) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space size="small">
                  <Tag color={colour(item)}>{t(`home.upcomingKind.${item.kind}`)}</Tag>
                  <Typography.Text type={item.late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {item.late ? t('home.lateSince', { date: format.date(item.date) }) : format.date(item.date)}
                  </Typography.Text>
                </Space>
                <Link to={item.to}>
                  <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                    {item.title}
                  </Typography.Text>
                </Link>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
