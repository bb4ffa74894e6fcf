import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Row, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EVALUATION_GRADES } from '../../api/enums';
import { ApiError } from '../../api/problem';
import type { EvaluationStats } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { beijing } from '../../format/date';
import { useFormat } from '../../format/useFormat';
import { useApiFormErrors } from '../../forms/useApiFormErrors';
import { CHART_COLORS } from '../../theme/theme';
import { percent } from './evaluation-logic';
import { GRADE_COLORS, useBodies } from './evaluation-ui';

type YearRow = EvaluationStats['byYear'][number];
type BodyRow = EvaluationStats['byBody'][number] & { name: string };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface PeriodValues {
  period?: [Dayjs | null, Dayjs | null] | null;
}

/** 测评统计: satisfaction over a period, by year and by body (GET /api/v1/evaluations/stats). */
export default function EvaluationStatsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { unitCode } = useUnit();
  const [search, setSearch] = useSearchParams();
  const from = DATE.test(search.get('from') ?? '') ? search.get('from')! : undefined;
  const to = DATE.test(search.get('to') ?? '') ? search.get('to')! : undefined;
  const [form] = Form.useForm<PeriodValues>();
  const errors = useApiFormErrors(form, { prefix: 'query' });

  const stats = useApiQuery(unitCode ? ['evaluation-stats', unitCode, from, to] : null, (signal) =>
    unwrap(api.GET('/api/v1/evaluations/stats', { params: { query: { unit: unitCode!, from, to } }, signal })),
  );
  const bodies = useBodies(unitCode);

  useEffect(() => {
    form.setFieldsValue({ period: from || to ? [from ? beijing(from) : null, to ? beijing(to) : null] : null });
  }, [form, from, to]);
  const { error: statsError } = stats;
  const { apply: showErrors } = errors;
  useEffect(() => {
    if (statsError instanceof ApiError && statsError.code === 'validation') showErrors(statsError);
  }, [statsError, showErrors]);

  const apply = (values: PeriodValues) => {
    errors.clear();
    const next = new URLSearchParams();
    const [start, end] = values.period ?? [];
    if (start) next.set('from', start.format('YYYY-MM-DD'));
    if (end) next.set('to', end.format('YYYY-MM-DD'));
    setSearch(next);
  };

  const data = stats.data;
  const byBody = useMemo<BodyRow[]>(
    () => (data?.byBody ?? []).map((row) => ({ ...row, name: bodies.names.get(row.bodyId) ?? t('evaluationStats.unknownBody') })).sort((a, b) => b.satisfactionRate - a.satisfactionRate),
    [data, bodies.names, t],
  );
  const yearOption = useYearChart(data);
  const bodyOption = useBodyChart(byBody);
  const gradeOption = useGradeChart(data);
  const yearColumns = useRateColumns<YearRow>('year');
  const bodyColumns = useRateColumns<BodyRow>('name');
  const failed = stats.error && !(stats.error instanceof ApiError && stats.error.code === 'validation');

  const period = from || to ? t('evaluationStats.period', { from: from ? format.date(from) : t('evaluationStats.start'), to: to ? format.date(to) : t('evaluationStats.now') }) : t('evaluationStats.allTime');
  const presets = useMemo(() => {
    const now = beijing();
    return [
      { label: t('evaluationStats.presets.thisYear'), value: [now.startOf('year'), now.endOf('year')] as [Dayjs, Dayjs] },
      { label: t('evaluationStats.presets.lastYear'), value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] as [Dayjs, Dayjs] },
      { label: t('evaluationStats.presets.fiveYears'), value: [now.subtract(4, 'year').startOf('year'), now.endOf('year')] as [Dayjs, Dayjs] },
    ];
  }, [t]);

  return (
    <PageContainer description={t('evaluationStats.description')}>
      <Card className="filter-bar" size="small" title={t('evaluationStats.filters')}>
        <Form form={form} layout="inline" onFinish={apply} aria-label={t('evaluationStats.filters')}>
          {errors.alert && <div style={{ width: '100%' }}>{errors.alert}</div>}
          <Form.Item name="period" label={t('evaluationStats.periodLabel')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} presets={presets} placeholder={[t('evaluationStats.from'), t('evaluationStats.to')]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t('action.search')}
              </Button>
              <Button onClick={() => setSearch(new URLSearchParams())}>{t('action.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>

      {failed ? (
        <StatusView kind="error" error={stats.error} onRetry={stats.reload} />
      ) : !data ? (
        <StatusView kind="loading" />
      ) : data.evaluations === 0 ? (
        <Card>
          <StatusView kind="empty" title={t('evaluationStats.empty')} description={t('evaluationStats.emptyHint', { period })} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{period}</Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('evaluationStats.rate')} value={percent(data.satisfactionRate)} styles={{ content: { color: GRADE_COLORS.satisfied, fontWeight: 600 } }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('evaluationStats.evaluations')} value={data.evaluations} suffix={t('evaluationStats.times')} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" className="stat-card">
                <Statistic title={t('evaluationStats.ballots')} value={data.ballots} suffix={t('evaluations.unitPeople')} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" className="stat-card">
                <Statistic
                  title={t('evaluationStats.failed')}
                  value={data.grades.unsatisfied ?? 0}
                  suffix={t('evaluationStats.times')}
                  styles={{ content: { color: (data.grades.unsatisfied ?? 0) > 0 ? GRADE_COLORS.unsatisfied : undefined } }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('evaluationStats.byYear')}>
                <EChart option={yearOption} ariaLabel={t('evaluationStats.byYearChart')} height={300} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('evaluationStats.grades')}>
                <EChart option={gradeOption} ariaLabel={t('evaluationStats.gradesChart')} height={300} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('evaluationStats.byBody')}>
                {byBody.length ? (
                  <EChart option={bodyOption} ariaLabel={t('evaluationStats.byBodyChart')} height={Math.max(200, byBody.length * 34 + 60)} />
                ) : (
                  <StatusView kind="empty" compact title={t('evaluationStats.noBodies')} />
                )}
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('evaluationStats.yearTable')}>
                <Table<YearRow> rowKey="year" size="small" columns={yearColumns} dataSource={data.byYear} pagination={false} scroll={{ x: 560 }} />
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('evaluationStats.bodyTable')}>
                <Table<BodyRow> rowKey="bodyId" size="small" columns={bodyColumns} dataSource={byBody} pagination={false} scroll={{ x: 640 }} />
              </Card>
            </Col>
          </Row>
          <Typography.Paragraph type="secondary">{t('evaluations.result.rateNote')}</Typography.Paragraph>
        </Space>
      )}
    </PageContainer>
  );
}

function useRateColumns<Row extends YearRow | BodyRow>(first: 'year' | 'name'): TableColumnsType<Row> {
  const { t } = useTranslation();
  return useMemo(
    () => [
      { title: first === 'year' ? t('evaluationStats.columns.year') : t('evaluationStats.columns.body'), dataIndex: first, width: first === 'year' ? 72 : undefined },
      { title: t('evaluationStats.columns.evaluations'), dataIndex: 'evaluations', width: 80 },
      { title: t('evaluationStats.columns.ballots'), dataIndex: 'ballots', width: 80 },
      ...EVALUATION_GRADES.map((g) => ({ title: t(`grade.${g}`), dataIndex: g, width: 80 })),
      { title: t('evaluationStats.columns.rate'), dataIndex: 'satisfactionRate', width: 88, render: (rate: number) => <strong>{percent(rate)}</strong> },
    ],
    [t, first],
  );
}

function useYearChart(data: EvaluationStats | undefined): ChartOption {
  const { t } = useTranslation();
  return useMemo<ChartOption>(() => {
    const rows = [...(data?.byYear ?? [])].sort((a, b) => a.year - b.year);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
      yAxis: [
        { type: 'value', name: t('evaluationStats.times'), minInterval: 1, max: Math.max(2, Math.ceil(Math.max(0, ...rows.map((r) => r.evaluations)) * 1.6)) },
        { type: 'value', name: t('evaluationStats.rateAxis'), min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: t('evaluationStats.evaluations'), data: rows.map((r) => r.evaluations), itemStyle: { color: CHART_COLORS[1] }, barMaxWidth: 36 },
        {
          type: 'line',
          name: t('evaluationStats.rate'),
          yAxisIndex: 1,
          data: rows.map((r) => Math.round(r.satisfactionRate * 1000) / 10),
          itemStyle: { color: CHART_COLORS[3] },
          label: { show: true, position: 'top', formatter: '{c}%' },
        },
      ],
    };
  }, [data, t]);
}

function useGradeChart(data: EvaluationStats | undefined): ChartOption {
  const { t } = useTranslation();
  return useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: t('evaluationStats.grades'),
          radius: ['40%', '68%'],
          top: -16,
          label: { formatter: '{b}\n{c}' },
          data: EVALUATION_GRADES.map((g) => ({ name: t(`grade.${g}`), value: data?.grades[g] ?? 0, itemStyle: { color: GRADE_COLORS[g] } })),
        },
      ],
    }),
    [data, t],
  );
}

function useBodyChart(rows: BodyRow[]): ChartOption {
  const { t } = useTranslation();
  return useMemo<ChartOption>(() => {
    const ordered = [...rows].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { width: 200, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: t('evaluationStats.rate'),
          data: ordered.map((r) => Math.round(r.satisfactionRate * 1000) / 10),
          itemStyle: { color: CHART_COLORS[2] },
          label: { show: true, position: 'right', formatter: '{c}%' },
          barMaxWidth: 20,
        },
      ],
    };
  }, [rows, t]);
}
