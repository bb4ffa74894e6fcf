import { Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Plan } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { DownloadButton } from '../../components/DownloadButton';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { useLatestApprovedYear, useYearParam } from './useYearParam';

type Entry = Plan['entries'][number];
type Adjustment = Plan['adjustments'][number];
const PLAN_STATUS_COLORS = { planned: 'default', added: 'green', changed: 'blue', withdrawn: 'red', postponed: 'orange' } as const;

/**
 * 年度监督计划: the approved projects of the unit for a year with their approval record, and what
 * the mid-year adjustments changed; exported as the usual plan table (Excel).
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { unitCode, unit } = useUnit();
  const [year, setYear] = useYearParam();
  const latest = useLatestApprovedYear(unitCode, year);
  const seeLatest = latest !== undefined && (
    <Button onClick={() => setYear(latest)}>{t('plan.seeYear', { year: latest })}</Button>
  );
  const plan = useApiQuery(unitCode ? ['plan', unitCode, year] : null, (signal) => unwrap(api.GET('/api/v1/plans/{unit}/{year}', { params: { path: { unit: unitCode!, year } }, signal })));

  const yearPicker = (
    <Space>
      <label htmlFor="plan-year">{t('plan.year')}</label>
      <InputNumber id="plan-year" value={year} min={2000} max={2100} precision={0} onChange={(value) => value && setYear(value)} style={{ width: 110 }} />
    </Space>
  );

  return (
    <PageContainer
      title={t('plan.title', { year })}
      description={t('plan.description', { unit: unit?.name ?? '' })}
      extra={
        <Space>
          {yearPicker}
          <DownloadButton
            disabled={!unitCode}
            fallbackName={t('plan.exportName', { year })}
            request={() => api.GET('/api/v1/plans/{unit}/{year}.xlsx', { params: { path: { unit: unitCode!, year } }, parseAs: 'stream' })}
          />
        </Space>
      }
    >
      {plan.error ? (
        <StatusView kind="error" error={plan.error} onRetry={plan.reload} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('plan.entries')}>
            <Table<Entry>
              rowKey="id"
              size="middle"
              loading={plan.loading}
              pagination={false}
              dataSource={plan.data?.entries ?? []}
              scroll={{ x: 960 }}
              locale={{ emptyText: <StatusView kind="empty" compact title={t('plan.empty', { year })} description={t('plan.emptyHint')} action={seeLatest} /> }}
              columns={[
                { title: t('plan.columns.number'), width: 64, render: (_, __, index) => index + 1 },
                {
                  title: t('plan.columns.title'),
                  dataIndex: 'title',
                  render: (title: string, entry) => (
                    <Link to={`/projects/${entry.id}`} className={entry.planStatus === 'withdrawn' || entry.planStatus === 'postponed' ? 'text-struck' : undefined}>
                      {title}
                    </Link>
                  ),
                },
                { title: t('plan.columns.category'), dataIndex: 'category', width: 130, render: (c: Entry['category']) => t(`enum.category.${c}`) },
                { title: t('plan.columns.session'), dataIndex: 'plannedSession', width: 200, render: (s: string | null) => s ?? '—' },
                {
                  title: t('plan.columns.approval'),
                  width: 220,
                  render: (_, entry) => (entry.approval ? `${t(`projectDetail.decidingBody.${entry.approval.decidingBody}`)} ${entry.approval.documentNumber}` : '—'),
                },
                { title: t('plan.columns.status'), dataIndex: 'planStatus', width: 110, render: (s: Entry['planStatus']) => <Tag color={PLAN_STATUS_COLORS[s]}>{t(`plan.status.${s}`)}</Tag> },
              ]}
            />
          </Card>
          <Card title={t('plan.adjustments')}>
            <Table<Adjustment>
              rowKey="id"
              size="middle"
              loading={plan.loading}
              pagination={false}
              dataSource={plan.data?.adjustments ?? []}
              locale={{ emptyText: <StatusView kind="empty" compact title={t('plan.noAdjustments')} /> }}
              columns={[
                { title: t('plan.columns.title'), dataIndex: 'projectTitle', render: (title: string, a) => <Link to={`/projects/${a.projectId}`}>{title}</Link> },
                { title: t('projectDetail.adjustments.kind'), dataIndex: 'kind', width: 110, render: (k: Adjustment['kind']) => t(`projectDetail.adjustmentKind.${k}`) },
                { title: t('projectDetail.adjustments.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{r}</Typography.Paragraph> },
                { title: t('projectDetail.adjustments.approver'), dataIndex: 'approverName', width: 130 },
                { title: t('projectDetail.adjustments.approvedOn'), dataIndex: 'approvedOn', width: 120, render: (d: string) => format.date(d) },
              ]}
            />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}
