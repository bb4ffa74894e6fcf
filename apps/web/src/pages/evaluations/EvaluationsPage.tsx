import { BarChartOutlined, CheckSquareOutlined, FundProjectionScreenOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EVALUATION_STATUSES } from '../../api/enums';
import type { Evaluation, EvaluationPage, EvaluationStatus } from '../../api/types';
import { useCursorPages } from '../../api/paging';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { useUnit } from '../../app/unit-context';
import { CursorTable } from '../../components/CursorTable';
import { PageContainer } from '../../components/PageContainer';
import { beijing } from '../../format/date';
import { useFormat } from '../../format/useFormat';
import { EvaluationCreateDrawer } from './EvaluationCreateDrawer';
import { StatusTag } from './evaluation-ui';

const PAGE_SIZE = 20;
/** The API's largest page: a year's evaluations are gathered in one or two requests. */
const MAX_PAGE = 200;

interface Filters {
  status?: EvaluationStatus;
  year?: number;
}

function filtersFromSearch(search: URLSearchParams): Filters {
  const status = search.get('status') as EvaluationStatus | null;
  const year = Number(search.get('year'));
  return {
    status: status && EVALUATION_STATUSES.includes(status) ? status : undefined,
    year: Number.isInteger(year) && year > 1900 ? year : undefined,
  };
}

function searchOf(filters: Filters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.status) search.set('status', filters.status);
  if (filters.year) search.set('year', String(filters.year));
  return search;
}

/**
 * The evaluations of one year. The list endpoint has no year filter (newest meeting first, by
 * cursor): the pages are read until the year is passed, then filtered here.
 */
async function loadYear(unit: string, status: EvaluationStatus | undefined, year: number, signal: AbortSignal): Promise<EvaluationPage> {
  const items: Evaluation[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit, status, limit: MAX_PAGE, cursor } }, signal }));
    items.push(...page.items.filter((e) => e.heldOn.startsWith(`${year}-`)));
    const last = page.items[page.items.length - 1];
    if (!page.nextCursor || !last || last.heldOn < `${year}-01-01`) break;
    cursor = page.nextCursor;
  }
  return { items, nextCursor: null };
}

/** 满意度测评: the list (server-paged, by status and year), organising a new one, the way to vote. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const { unitCode } = useUnit();
  const can = usePermissions();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const pages = useCursorPages(JSON.stringify([unitCode, filters]));
  const [form] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);
  const mayVote = can.call('POST /api/v1/evaluations/{id}/ballots');

  const list = useApiQuery(unitCode ? ['evaluations', unitCode, filters, pages.cursor] : null, (signal) =>
    filters.year
      ? loadYear(unitCode!, filters.status, filters.year, signal)
      : unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unitCode!, status: filters.status, limit: PAGE_SIZE, cursor: pages.cursor } }, signal })),
  );
  // Open for voting now: what a member came for.
  const live = useApiQuery(unitCode && mayVote ? ['evaluations-open', unitCode] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations', { params: { query: { unit: unitCode!, status: 'open', limit: 10 } }, signal })),
  );

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [form, filters]);

  const columns = useColumns(mayVote);
  const filtered = filters.status !== undefined || filters.year !== undefined;

  return (
    <PageContainer
      description={t('evaluations.description')}
      extra={
        <>
          <Link to="/evaluations/stats">
            <Button icon={<BarChartOutlined />}>{t('evaluations.toStats')}</Button>
          </Link>
          {can.call('POST /api/v1/evaluations') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('evaluations.create.open')}
            </Button>
          )}
        </>
      }
    >
      {mayVote && live.data && live.data.items.length > 0 && (
        <Alert
          className="evaluation-live-alert"
          type="warning"
          showIcon
          title={t('evaluations.liveTitle')}
          description={
            <ul className="evaluation-live-list">
              {live.data.items.map((e) => (
                <li key={e.id} className="evaluation-live-item">
                  <div className="evaluation-live-text">
                    <Link to={`/evaluations/${e.id}`} className="project-title-cell">
                      {e.reportTitle}
                    </Link>
                    <Typography.Text type="secondary">{e.session}</Typography.Text>
                  </div>
                  <Link to={`/evaluations/${e.id}/vote`} aria-label={t('evaluations.voteFor', { title: e.reportTitle })}>
                    <Button type="primary" size="large" icon={<CheckSquareOutlined />} tabIndex={-1}>
                      {t('evaluations.goVote')}
                    </Button>
                  </Link>
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Card className="filter-bar" size="small" title={t('evaluations.filters')}>
        <Form form={form} layout="inline" onFinish={(values: Filters) => setSearch(searchOf(values))} aria-label={t('evaluations.filters')}>
          <Form.Item name="status" label={t('evaluations.fields.status')}>
            <Select allowClear placeholder={t('evaluations.allStatuses')} style={{ width: 140 }} options={EVALUATION_STATUSES.map((s) => ({ value: s, label: t(`evaluations.status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('evaluations.fields.year')}>
            <Select allowClear placeholder={t('evaluations.allYears')} style={{ width: 120 }} options={yearOptions(filters.year)} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('action.search')}
              </Button>
              <Button onClick={() => setSearch(searchOf({}))}>{t('action.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      <Card title={t('evaluations.table')} size="small">
        {/* A year is gathered whole (loadYear): one page. */}
        <CursorTable<Evaluation>
          list={list}
          pages={pages}
          columns={columns}
          scrollX={960}
          paged={!filters.year}
          empty={{ title: t('evaluations.empty'), description: filtered ? t('evaluations.emptyFiltered') : t('evaluations.emptyHint'), onReset: filtered ? () => setSearch(searchOf({})) : undefined }}
        />
      </Card>
      <EvaluationCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

function yearOptions(selected: number | undefined) {
  const current = beijing().year();
  const years = Array.from({ length: 11 }, (_, i) => current + 1 - i);
  if (selected && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) }));
}

function useColumns(mayVote: boolean): TableColumnsType<Evaluation> {
  const { t } = useTranslation();
  const format = useFormat();
  return useMemo(
    () => [
      { title: t('evaluations.columns.heldOn'), dataIndex: 'heldOn', width: 112, className: 'nowrap', render: (value: string) => format.date(value) },
      {
        title: t('evaluations.columns.reportTitle'),
        dataIndex: 'reportTitle',
        render: (_: unknown, e: Evaluation) => (
          <>
            <Link to={`/evaluations/${e.id}`} className="project-title-cell">
              {e.reportTitle}
            </Link>
            <Typography.Paragraph type="secondary" className="project-summary">
              {e.session}
            </Typography.Paragraph>
          </>
        ),
      },
      { title: t('evaluations.columns.status'), dataIndex: 'status', width: 88, render: (status: EvaluationStatus) => <StatusTag status={status} /> },
      {
        title: t('evaluations.columns.attendance'),
        key: 'attendance',
        width: 128,
        className: 'nowrap',
        render: (_: unknown, e: Evaluation) => t('evaluations.presentOfRoster', { present: e.present, roster: e.roster }),
      },
      {
        title: t('evaluations.columns.ballots'),
        dataIndex: 'ballots',
        width: 96,
        className: 'nowrap',
        // A closed evaluation without electronic ballots was counted on paper or by the hall's device.
        render: (ballots: number, e: Evaluation) =>
          e.status === 'closed' && ballots === 0 ? <Typography.Text type="secondary" title={t('evaluations.countedOffline')}>{t('evaluations.offline')}</Typography.Text> : ballots,
      },
      {
        title: t('evaluations.columns.actions'),
        key: 'actions',
        width: 200,
        render: (_: unknown, e: Evaluation) => (
          <Space size={4} wrap>
            <Link to={`/evaluations/${e.id}`}>{t('evaluations.toDetail')}</Link>
            {e.status === 'open' && mayVote && (
              <Link to={`/evaluations/${e.id}/vote`}>
                <Button type="primary" size="small" icon={<CheckSquareOutlined />}>
                  {t('evaluations.goVote')}
                </Button>
              </Link>
            )}
            {(e.status === 'open' || e.status === 'closed') && (
              <Link to={`/evaluations/${e.id}/presiding`} aria-label={t('evaluations.toPresidingOf', { title: e.reportTitle })}>
                <FundProjectionScreenOutlined /> {t('evaluations.toPresiding')}
              </Link>
            )}
          </Space>
        ),
      },
    ],
    [t, format, mayVote],
  );
}
