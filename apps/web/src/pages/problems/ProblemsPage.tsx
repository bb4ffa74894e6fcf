import { CloseOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Progress, Row, Select, Space, Statistic, Tag, Typography, theme, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { pageSizeFromSearch, useCursorPages } from '../../api/paging';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { DownloadButton } from '../../components/DownloadButton';
import { PageContainer } from '../../components/PageContainer';
import { CursorTable } from '../../components/CursorTable';
import { StatusView } from '../../components/StatusView';
import { beijing } from '../../format/date';
import { useApiFormErrors } from '../../forms/useApiFormErrors';
import { DeadlineText, LightTag, StatusTag } from './components/labels';
import { PROBLEM_STATUSES, type ProblemCounts, type ProblemItem } from './components/types';
import { useBodies } from './components/useBodies';
import { definedOnly, ledgerFiltersFromSearch, ledgerQuery, ledgerSearchOf, type LedgerFilters } from './ledger-filters';

/** The filter form's values: the URL's filters, with the deadline range as dates. */
type FormValues = Omit<LedgerFilters, 'deadlineFrom' | 'deadlineTo'> & { deadline?: [Dayjs | null, Dayjs | null] | null };

const CHART_BODIES = 12;

/**
 * 问题台账: the ledger of every problem of the unit, filtered on the server (filters in the URL),
 * counted by status and responsible body, paged with the API's cursor, exported to Excel with the
 * same filters. Each row opens the problem; the opinion column opens its deliberation opinion.
 */
export default function ProblemsPage() {
  const { t } = useTranslation();
  const { unitCode } = useUnit();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => ledgerFiltersFromSearch(search), [search]);
  const size = pageSizeFromSearch(search);
  const pages = useCursorPages(JSON.stringify([unitCode, filters, size]));
  const [form] = Form.useForm<FormValues>();
  const filterErrors = useApiFormErrors(form, { prefix: 'query' });
  const bodies = useBodies(unitCode);

  const list = useApiQuery(unitCode ? ['problems', unitCode, filters, size, pages.cursor] : null, (signal) =>
    unwrap(api.GET('/api/v1/problems', { params: { query: ledgerQuery(unitCode!, filters, size, pages.cursor) }, signal })),
  );
  const counts = useApiQuery(unitCode ? ['problem-counts', unitCode, filters] : null, (signal) =>
    unwrap(api.GET('/api/v1/problems/counts', { params: { query: { unit: unitCode!, ...definedOnly(filters) } }, signal })),
  );
  const projects = useApiQuery(unitCode ? ['ledger-projects', unitCode] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects', { params: { query: { unit: unitCode!, limit: 200 } }, signal })),
  );
  const projectTitle = useMemo(() => new Map((projects.data?.items ?? []).map((p) => [p.id, p.title])), [projects.data]);
  const selectedProject = Form.useWatch('project', form);
  const opinions = useApiQuery(selectedProject ? ['project-opinions', selectedProject] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects/{id}/opinions', { params: { path: { id: selectedProject! } }, signal })),
  );

  // The form shows what the URL says (back/forward, shared links).
  useEffect(() => {
    form.resetFields();
    const { deadlineFrom, deadlineTo, ...rest } = filters;
    form.setFieldsValue({ ...rest, deadline: deadlineFrom || deadlineTo ? [deadlineFrom ? beijing(deadlineFrom) : null, deadlineTo ? beijing(deadlineTo) : null] : null });
  }, [form, filters]);

  const { error: listError } = list;
  const { apply: showFilterErrors } = filterErrors;
  useEffect(() => {
    if (listError instanceof ApiError && listError.code === 'validation') showFilterErrors(listError);
  }, [listError, showFilterErrors]);

  const applyFilters = ({ deadline, ...values }: FormValues) => {
    filterErrors.clear();
    const next: LedgerFilters = {
      ...values,
      opinion: values.project && values.opinion ? values.opinion : values.project ? undefined : filters.opinion,
      q: values.q?.trim() || undefined,
      deadlineFrom: deadline?.[0]?.format('YYYY-MM-DD'),
      deadlineTo: deadline?.[1]?.format('YYYY-MM-DD'),
    };
    setSearch(ledgerSearchOf(next, size));
  };
  const setFilters = (next: LedgerFilters) => {
    filterErrors.clear();
    setSearch(ledgerSearchOf(next, size));
  };
  const reset = () => setFilters({});

  const columns = useLedgerColumns(bodies.name, projectTitle);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <PageContainer description={t('problems.description')} extra={<ExportButton filters={filters} unitCode={unitCode} />}>
      <Card className="filter-bar" size="small" title={t('problems.filters')}>
        <Form form={form} layout="inline" onFinish={applyFilters} aria-label={t('problems.filters')}>
          {filterErrors.alert && <div style={{ width: '100%' }}>{filterErrors.alert}</div>}
          <Form.Item name="project" label={t('problems.project')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('problems.allProjects')}
              style={{ width: 260 }}
              loading={projects.loading}
              onChange={() => form.setFieldValue('opinion', undefined)}
              options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))}
            />
          </Form.Item>
          {selectedProject && (
            <Form.Item name="opinion" label={t('problems.opinion')}>
              <Select
                allowClear
                style={{ width: 240 }}
                loading={opinions.loading}
                options={(opinions.data?.items ?? []).map((o) => ({ value: o.id, label: t('problems.opinionOption', { session: o.session, date: o.deliberatedOn }) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="body" label={t('problems.body')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('problems.allBodies')}
              style={{ width: 220 }}
              loading={bodies.loading}
              options={bodies.bodies.map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('problems.status')}>
            <Select allowClear placeholder={t('problems.allStatuses')} style={{ width: 130 }} options={PROBLEM_STATUSES.map((s) => ({ value: s, label: t(`problemStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item name="overdue" label={t('problems.overdue')}>
            <Select
              allowClear
              placeholder={t('problems.overdueAll')}
              style={{ width: 110 }}
              options={[
                { value: 'true', label: t('problems.overdueYes') },
                { value: 'false', label: t('problems.overdueNo') },
              ]}
            />
          </Form.Item>
          <Form.Item name="deadline" label={t('problems.deadline')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={[t('problems.deadlineStart'), t('problems.deadlineEnd')]} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="q" label={t('problems.keyword')}>
            <Input allowClear maxLength={100} placeholder={t('problems.keywordPlaceholder')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('action.search')}
              </Button>
              <Button onClick={reset}>{t('action.reset')}</Button>
            </Space>
          </Form.Item>
          {filters.opinion && !filters.project && (
            <div style={{ width: '100%' }}>
              <Tag closable closeIcon={<CloseOutlined aria-label={t('action.reset')} />} onClose={() => setFilters({ ...filters, opinion: undefined })} color="blue">
                <Link to={`/opinions/${filters.opinion}`}>{t('problems.opinionSelected')}</Link>
              </Tag>
            </div>
          )}
        </Form>
      </Card>

      <CountsCard counts={counts.data} error={counts.error} onRetry={counts.reload} bodyName={bodies.name} filters={filters} onFilter={setFilters} />

      <Card title={t('problems.table')} size="small">
        <CursorTable<ProblemItem>
          list={list}
          pages={pages}
          columns={columns}
          scrollX={1100}
          fieldErrorsOnForm
          empty={{ title: t('problems.empty'), description: t('problems.emptyHint'), onReset: filtered ? reset : undefined }}
          pageSize={{ value: size, onChange: (next) => setSearch(ledgerSearchOf(filters, next)) }}
        />
      </Card>
    </PageContainer>
  );
}

/** 台账统计: figures, the statuses as tags that filter, and each body's problems as a stacked bar. */
function CountsCard({
  counts,
  error,
  onRetry,
  bodyName,
  filters,
  onFilter,
}: {
  counts: ProblemCounts | undefined;
  error: unknown;
  onRetry: () => void;
  bodyName: (id: string) => string | undefined;
  filters: LedgerFilters;
  onFilter: (filters: LedgerFilters) => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const byBody = useMemo(() => [...(counts?.byBody ?? [])].sort((a, b) => b.total - a.total), [counts]);
  const option = useMemo<ChartOption | undefined>(() => {
    if (!counts) return undefined;
    const shown = byBody.slice(0, CHART_BODIES).reverse();
    const names = shown.map((b) => bodyName(b.bodyId) ?? t('problems.counts.unknownBody'));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        { name: t('problems.counts.seriesClosed'), type: 'bar', stack: 'all', data: shown.map((b) => b.closed), itemStyle: { color: token.colorSuccess } },
        { name: t('problems.counts.seriesOpen'), type: 'bar', stack: 'all', data: shown.map((b) => b.open - b.overdue), itemStyle: { color: token.colorInfo } },
        { name: t('problems.counts.seriesOverdue'), type: 'bar', stack: 'all', data: shown.map((b) => b.overdue), itemStyle: { color: token.colorError } },
      ],
    } as ChartOption;
  }, [counts, byBody, bodyName, t, token]);

  if (error && !counts) {
    return (
      <Card size="small" title={t('problems.counts.title')} style={{ marginBottom: 16 }}>
        <StatusView kind="error" compact error={error} onRetry={onRetry} />
      </Card>
    );
  }
  if (!counts || !option) {
    return (
      <Card size="small" title={t('problems.counts.title')} style={{ marginBottom: 16 }}>
        <StatusView kind="loading" compact />
      </Card>
    );
  }
  // Open problems as issue-tracking counts them (per responsible body), not a status list of our own.
  const open = counts.byBody.reduce((sum, b) => sum + b.open, 0);
  return (
    <Card size="small" title={t('problems.counts.title')} style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Statistic title={t('problems.counts.total')} value={counts.total} />
            </Col>
            <Col span={12}>
              <Statistic title={t('problems.counts.open')} value={open} />
            </Col>
            <Col span={12}>
              <Statistic title={t('problems.counts.overdue')} value={counts.overdue} styles={{ content: { color: counts.overdue ? token.colorError : undefined } }} />
            </Col>
            <Col span={12}>
              <Statistic title={t('problems.counts.closed')} value={counts.byStatus.closed ?? 0} styles={{ content: { color: token.colorSuccess } }} />
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('problems.counts.byStatus')}
          </Typography.Title>
          <Space size={[4, 8]} wrap role="list" aria-label={t('problems.counts.byStatus')}>
            {PROBLEM_STATUSES.filter((s) => (counts.byStatus[s] ?? 0) > 0 || filters.status === s).map((s) => (
              <span role="listitem" key={s}>
                <Button
                  size="small"
                  type={filters.status === s ? 'primary' : 'default'}
                  aria-pressed={filters.status === s}
                  title={t('problems.counts.filterByStatus', { status: t(`problemStatus.${s}`) })}
                  onClick={() => onFilter({ ...filters, status: filters.status === s ? undefined : s })}
                >
                  {t(`problemStatus.${s}`)} {counts.byStatus[s] ?? 0}
                </Button>
              </span>
            ))}
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('problems.counts.byBody')}
          </Typography.Title>
          {byBody.length === 0 ? (
            <StatusView kind="empty" compact />
          ) : (
            <>
              <EChart option={option} ariaLabel={t('problems.counts.chart')} height={Math.max(160, Math.min(byBody.length, CHART_BODIES) * 26 + 48)} />
              {byBody.length > CHART_BODIES && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('problems.counts.moreBodies', { count: byBody.length - CHART_BODIES })}
                </Typography.Text>
              )}
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}

function useLedgerColumns(bodyName: (id: string) => string | undefined, projectTitle: Map<string, string>): TableColumnsType<ProblemItem> {
  const { t } = useTranslation();
  return useMemo(
    () => [
      {
        title: t('problems.columns.description'),
        dataIndex: 'description',
        render: (_: unknown, p: ProblemItem) => (
          <>
            <Link to={`/problems/${p.id}`} className="project-title-cell">
              {p.number}
            </Link>
            <Typography.Paragraph style={{ margin: '2px 0 0' }} ellipsis={{ rows: 2, tooltip: p.description }}>
              {p.description}
            </Typography.Paragraph>
          </>
        ),
      },
      {
        title: t('problems.columns.body'),
        dataIndex: 'responsibleBodyId',
        width: 200,
        render: (_: unknown, p: ProblemItem) => (
          <>
            <div>{bodyName(p.responsibleBodyId) ?? '…'}</div>
            {p.coBodyIds.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('problems.coBodies', { names: p.coBodyIds.map((id) => bodyName(id) ?? '…').join(t('problemDetail.listSeparator')) })}
              </Typography.Text>
            )}
          </>
        ),
      },
      { title: t('problems.columns.deadline'), dataIndex: 'deadline', width: 120, render: (_: unknown, p: ProblemItem) => <DeadlineText problem={p} compact /> },
      { title: t('problems.columns.status'), dataIndex: 'status', width: 100, render: (s: ProblemItem['status']) => <StatusTag status={s} /> },
      { title: t('problems.columns.light'), dataIndex: 'light', width: 84, render: (_: unknown, p: ProblemItem) => <LightTag light={p.light} status={p.status} /> },
      { title: t('problems.columns.percent'), dataIndex: 'percent', width: 120, render: (n: number) => <Progress aria-label={t('problems.columns.percent')} percent={n} size="small" style={{ margin: 0 }} /> },
      {
        title: t('problems.columns.opinion'),
        dataIndex: 'opinionId',
        width: 180,
        render: (_: unknown, p: ProblemItem) => (
          <Link to={`/opinions/${p.opinionId}`} title={t('problems.viewOpinion')}>
            <Typography.Text ellipsis={{ tooltip: projectTitle.get(p.projectId) }} style={{ color: 'inherit', maxWidth: 160 }}>
              {projectTitle.get(p.projectId) ?? t('problems.viewOpinion')}
            </Typography.Text>
          </Link>
        ),
      },
    ],
    [t, bodyName, projectTitle],
  );
}

/** 导出 Excel: the server writes the ledger with the same filters; progress while it arrives. */
function ExportButton({ filters, unitCode }: { filters: LedgerFilters; unitCode: string | undefined }) {
  const { t } = useTranslation();
  return (
    <DownloadButton
      disabled={!unitCode}
      fallbackName={t('problems.exportName')}
      request={() => api.GET('/api/v1/problems.xlsx', { params: { query: { unit: unitCode!, ...definedOnly(filters) } }, parseAs: 'stream' })}
    />
  );
}
