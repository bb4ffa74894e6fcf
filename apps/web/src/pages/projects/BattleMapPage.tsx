import { Button, Card, InputNumber, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { BattleMap } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { GANTT_COLORS } from '../../theme/theme';
import { ganttRows, type GanttRow } from './battle-map';
import { HEALTH_BADGE } from './ProjectDetailPage';
import { useLatestApprovedYear, useYearParam } from './useYearParam';

const ROW_HEIGHT = 30;
const day = (iso: string) => Date.parse(`${iso}T00:00:00+08:00`);

/**
 * 挂图作战: every approved project of the year on a time axis — its span coloured by health
 * (green on track, yellow at risk, red off track) with the progress filled in, its milestones as
 * diamonds (red when late), optionally its tasks — and today's line.
 */
export default function BattleMapPage() {
  const { t } = useTranslation();
  const { unitCode, unit } = useUnit();
  const [year, setYear] = useYearParam();
  const latest = useLatestApprovedYear(unitCode, year);
  const seeLatest = latest !== undefined && (
    <Button onClick={() => setYear(latest)}>{t('plan.seeYear', { year: latest })}</Button>
  );
  const [withTasks, setWithTasks] = useState(false);
  const map = useApiQuery(unitCode ? ['battle-map', unitCode, year] : null, (signal) => unwrap(api.GET('/api/v1/battle-map', { params: { query: { unit: unitCode!, year } }, signal })));

  return (
    <PageContainer
      title={t('battleMap.title', { year })}
      description={t('battleMap.description', { unit: unit?.name ?? '' })}
      extra={
        <Space size="large" wrap>
          <Space>
            <label htmlFor="map-year">{t('plan.year')}</label>
            <InputNumber id="map-year" value={year} min={2000} max={2100} precision={0} onChange={(value) => value && setYear(value)} style={{ width: 110 }} />
          </Space>
          <Space>
            <Switch id="map-tasks" checked={withTasks} onChange={setWithTasks} />
            <label htmlFor="map-tasks">{t('battleMap.showTasks')}</label>
          </Space>
        </Space>
      }
    >
      {map.error ? (
        <StatusView kind="error" error={map.error} onRetry={map.reload} />
      ) : !map.data ? (
        <StatusView kind="loading" />
      ) : map.data.projects.length === 0 ? (
        <Card>
          <StatusView kind="empty" title={t('battleMap.empty', { year })} description={t('battleMap.emptyHint')} action={seeLatest} />
        </Card>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Legend map={map.data} />
          <Card styles={{ body: { padding: 12 } }}>
            <Gantt map={map.data} withTasks={withTasks} />
          </Card>
        </Space>
      )}
    </PageContainer>
  );
}

function Legend({ map }: { map: BattleMap }) {
  const { t } = useTranslation();
  const counts = { green: 0, yellow: 0, red: 0 };
  for (const p of map.projects) counts[p.health] += 1;
  return (
    <Card size="small">
      <Space size="large" wrap>
        {(['green', 'yellow', 'red'] as const).map((h) => (
          <Tag key={h} color={HEALTH_BADGE[h]} className="health-count">
            {t(`projectDetail.health.${h}`)} {counts[h]}
          </Tag>
        ))}
        <Typography.Text type="secondary">{t('battleMap.legend')}</Typography.Text>
        <Typography.Text type="secondary">{t('battleMap.today', { date: map.today })}</Typography.Text>
      </Space>
      <ul className="visually-hidden" aria-label={t('battleMap.listLabel')}>
        {map.projects.map((p) => (
          <li key={p.id}>
            <Link to={`/projects/${p.id}`}>{p.title}</Link> {t(`projectDetail.health.${p.health}`)} {Math.round(p.progress)}%
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Gantt({ map, withTasks }: { map: BattleMap; withTasks: boolean }) {
  const { t } = useTranslation();
  const { rows, milestones } = useMemo(() => ganttRows(map, withTasks), [map, withTasks]);
  const option = useMemo<ChartOption>(() => {
    const colour = (row: GanttRow) => GANTT_COLORS[row.state];
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 16, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const p = params as { seriesType: string; dataIndex: number };
          if (p.seriesType === 'scatter') {
            const m = milestones[p.dataIndex];
            return `${m.title}<br/>${m.date} · ${t(`battleMap.milestone.${m.state}`)}`;
          }
          const row = rows[p.dataIndex];
          const state = row.kind === 'project' ? t(`projectDetail.health.${row.state as 'green'}`) : t(`battleMap.task.${row.state as 'done'}`);
          return `${row.label}<br/>${row.start} – ${row.end}<br/>${state} · ${row.percent}%`;
        },
      },
      xAxis: { type: 'time', position: 'top', min: day(`${map.year}-01-01`), max: day(`${map.year}-12-31`), splitLine: { show: true, lineStyle: { color: '#eef0f3' } }, axisLabel: { formatter: t('battleMap.monthAxis') } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => (r.kind === 'task' ? `　${r.label}` : r.label)),
        axisTick: { show: false },
        axisLabel: { width: 260, overflow: 'truncate', fontSize: 13, color: '#333' },
      },
      series: [
        {
          type: 'custom',
          name: t('battleMap.title', { year: map.year }),
          encode: { x: [1, 2], y: 0 },
          data: rows.map((row, index) => [index, day(row.start), day(row.end) + 86_400_000, row.percent]),
          renderItem: (params, api) => {
            const row = rows[params.dataIndex];
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const height = (api.size?.([0, 1]) as number[])[1] * (row.kind === 'project' ? 0.56 : 0.4);
            const width = Math.max(end[0] - start[0], 3);
            const y = start[1] - height / 2;
            const fill = colour(row);
            return {
              type: 'group',
              children: [
                { type: 'rect', shape: { x: start[0], y, width, height, r: 3 }, style: { fill, opacity: 0.22 } },
                { type: 'rect', shape: { x: start[0], y, width: (width * row.percent) / 100, height, r: 3 }, style: { fill, opacity: 0.8 } },
              ],
            };
          },
          markLine: {
            symbol: 'none',
            silent: true,
            label: { formatter: t('battleMap.todayShort'), position: 'start', color: GANTT_COLORS.today },
            lineStyle: { color: GANTT_COLORS.today, type: 'solid', width: 2 },
            data: [{ xAxis: day(map.today) }],
          },
        },
        {
          type: 'scatter',
          name: t('battleMap.milestones'),
          symbol: 'diamond',
          symbolSize: 13,
          z: 3,
          data: milestones.map((m) => ({ value: [day(m.date), m.row], itemStyle: { color: GANTT_COLORS[m.state], borderColor: GANTT_COLORS.outline, borderWidth: 1.5 } })),
        },
      ],
    };
  }, [rows, milestones, map, t]);
  return <EChart option={option} ariaLabel={t('battleMap.chartLabel', { year: map.year })} height={rows.length * ROW_HEIGHT + 60} />;
}
