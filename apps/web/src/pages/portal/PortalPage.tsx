import { BankOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Progress, Row, Segmented, Space, Statistic, Table, Tag, Typography, theme, type TableColumnsType } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { useSession } from '../../auth/AuthProvider';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { DeadlineText, LightTag, StatusTag } from '../problems/components/labels';
import type { ProblemItem } from '../problems/components/types';
import { useBodies } from '../problems/components/useBodies';
import { MAX_PROBLEMS, byUrgency, isOpen } from './urgency';

type View = 'open' | 'overdue' | 'close-requested' | 'closed' | 'all';
const VIEWS: Record<View, (p: ProblemItem) => boolean> = {
  open: isOpen,
  overdue: (p) => p.overdue,
  'close-requested': (p) => p.status === 'close-requested',
  closed: (p) => p.status === 'closed',
  all: () => true,
};
const PAGE_SIZE = 20;

/**
 * 承办单位工作台: a liaison's problems (GET /api/v1/problems answers only their body's, lead or
 * co-body), with deadlines, lights and figures; each opens the problem to report progress, ask to
 * close it or for more time.
 */
export default function PortalPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { unitCode } = useUnit();
  const { token } = theme.useToken();
  const bodies = useBodies(session.bodyId ? unitCode : undefined);
  const name = session.bodyId ? bodies.name(session.bodyId) : undefined;
  const [view, setView] = useState<View>('open');
  const viewLabel = useId();

  const counts = useApiQuery(unitCode ? ['portal-counts', unitCode] : null, (signal) => unwrap(api.GET('/api/v1/problems/counts', { params: { query: { unit: unitCode! } }, signal })));
  const list = useApiQuery(unitCode ? ['portal-problems', unitCode] : null, async (signal) => {
    const items: ProblemItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(api.GET('/api/v1/problems', { params: { query: { unit: unitCode!, limit: 200, ...(cursor ? { cursor } : {}) } }, signal }));
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < MAX_PROBLEMS);
    return items.sort(byUrgency);
  });
  const shown = useMemo(() => (list.data ?? []).filter(VIEWS[view]), [list.data, view]);

  const columns = useMemo<TableColumnsType<ProblemItem>>(
    () => [
      {
        title: t('problems.columns.description'),
        dataIndex: 'description',
        render: (_: unknown, p: ProblemItem) => (
          <>
            <Link to={`/portal/problems/${p.id}`} className="project-title-cell">
              {p.number}
            </Link>
            <Typography.Paragraph style={{ margin: '2px 0 0' }} ellipsis={{ rows: 2, tooltip: p.description }}>
              {p.description}
            </Typography.Paragraph>
          </>
        ),
      },
      {
        title: t('portal.role'),
        dataIndex: 'responsibleBodyId',
        width: 80,
        render: (bodyId: string) => (bodyId === session.bodyId ? <Tag color="red">{t('portal.lead')}</Tag> : <Tag>{t('portal.co')}</Tag>),
      },
      { title: t('problems.columns.deadline'), dataIndex: 'deadline', width: 130, render: (_: unknown, p: ProblemItem) => <DeadlineText problem={p} compact /> },
      { title: t('problems.columns.light'), dataIndex: 'light', width: 84, render: (_: unknown, p: ProblemItem) => <LightTag light={p.light} status={p.status} /> },
      { title: t('problems.columns.status'), dataIndex: 'status', width: 100, render: (s: ProblemItem['status']) => <StatusTag status={s} /> },
      { title: t('problems.columns.percent'), dataIndex: 'percent', width: 120, render: (n: number) => <Progress aria-label={t('problems.columns.percent')} percent={n} size="small" style={{ margin: 0 }} /> },
      {
        title: t('portal.openProblem'),
        key: 'open',
        width: 80,
        render: (_: unknown, p: ProblemItem) => (
          <Link to={`/portal/problems/${p.id}`} aria-label={`${t('portal.openProblem')} ${p.number}`}>
            {t('portal.openProblem')}
          </Link>
        ),
      },
    ],
    [t, session.bodyId],
  );

  const c = counts.data;
  const open = c ? c.byBody.reduce((sum, b) => sum + b.open, 0) : 0;

  return (
    <PageContainer description={t('portal.description')}>
      {name && <Alert type="info" showIcon icon={<BankOutlined />} title={t('portal.body', { body: name })} style={{ marginBottom: 16 }} />}
      {c && c.overdue > 0 && <Alert type="error" showIcon title={t('portal.overdueAlert', { count: c.overdue })} style={{ marginBottom: 16 }} />}

      <Card size="small" style={{ marginBottom: 16 }}>
        {counts.error && !c ? (
          <StatusView kind="error" compact error={counts.error} onRetry={counts.reload} />
        ) : !c ? (
          <StatusView kind="loading" compact />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('portal.total')} value={c.total} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('portal.open')} value={open} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('portal.overdue')} value={c.overdue} styles={{ content: { color: c.overdue ? token.colorError : undefined } }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('portal.closed')} value={c.byStatus.closed ?? 0} styles={{ content: { color: token.colorSuccess } }} />
            </Col>
          </Row>
        )}
      </Card>

      <Card
        size="small"
        title={t('portal.myProblems')}
        extra={
          <Space>
            <span id={viewLabel}>{t('portal.view')}</span>
            <Segmented<View>
              aria-labelledby={viewLabel}
              value={view}
              onChange={setView}
              options={[
                { value: 'open', label: t('portal.viewOpen') },
                { value: 'overdue', label: t('portal.viewOverdue') },
                { value: 'close-requested', label: t('portal.closeRequested') },
                { value: 'closed', label: t('portal.viewClosed') },
                { value: 'all', label: t('portal.viewAll') },
              ]}
            />
          </Space>
        }
      >
        {list.error && !list.data ? (
          <StatusView kind="error" error={list.error} onRetry={list.reload} />
        ) : (
          <Table<ProblemItem>
            rowKey="id"
            columns={columns}
            dataSource={shown}
            loading={list.loading}
            pagination={shown.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false } : false}
            tableLayout="fixed"
            scroll={{ x: 860 }}
            locale={{ emptyText: list.loading ? <StatusView kind="loading" compact /> : <StatusView kind="empty" compact title={t('portal.empty')} description={t('portal.emptyHint')} /> }}
          />
        )}
      </Card>
    </PageContainer>
  );
}
