import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROJECT_STAGES } from '../../api/enums';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { useUnit } from '../../app/unit-context';
import { useSession } from '../../auth/AuthProvider';
import { primaryRole } from '../../auth/roles';
import { EChart } from '../../components/charts/EChart';
import type { ChartOption } from '../../components/charts/echarts';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { CHART_COLORS } from '../../theme/theme';
import { loadProjectStats, type ProjectStats } from './project-stats';
import { MyTasksCard, OverdueCard, UpcomingCard } from './WorkbenchCards';

/** 工作台: who and where you are, the unit's project library at a glance, my tasks, overdue problems, what comes next. */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const { unitCode, unit } = useUnit();
  const can = usePermissions();
  const format = useFormat();
  const role = primaryRole(session.roles);
  const [today] = useState(() => Date.now());
  const readsProjects = can.call('GET /api/v1/projects');
  const stats = useApiQuery(readsProjects && unitCode ? ['project-stats', unitCode] : null, (signal) => loadProjectStats(unitCode!, signal));

  return (
    <PageContainer
      title={t('home.greeting', { name: session.name })}
      description={
        <>
          {unit?.name}
          {role && ` · ${t(`role.${role}`)}`} · {t('home.today', { date: format.longDate(today) })}
        </>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <MyTasksCard />
        </Col>
        <Col xs={24} lg={8}>
          <OverdueCard />
        </Col>
        <Col xs={24} lg={8}>
          <UpcomingCard />
        </Col>
        {readsProjects && (
          <Col span={24}>
            <Card
              title={t('home.overview')}
              extra={
                <Link to="/projects">
                  {t('home.toProjects')} <RightOutlined />
                </Link>
              }
            >
              <ProjectOverview stats={stats.data} loading={stats.loading && !stats.data} error={stats.error} onRetry={stats.reload} unitName={unit?.name ?? ''} />
            </Card>
          </Col>
        )}
      </Row>
    </PageContainer>
  );
}

function ProjectOverview({
  stats,
  loading,
  error,
  onRetry,
  unitName,
}: {
  stats: ProjectStats | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  unitName: string;
}) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption | undefined>(() => {
    if (!stats) return undefined;
    const stages = PROJECT_STAGES.filter((s) => s !== 'withdrawn');
    return {
      color: CHART_COLORS,
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: stages.map((s) => t(`enum.stage.${s}`)), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('home.total'),
          barMaxWidth: 36,
          data: stages.map((s, i) => ({ value: stats.byStage[s], itemStyle: { color: CHART_COLORS[i % CHART_COLORS.length] } })),
          label: { show: true, position: 'top' },
        },
      ],
    };
  }, [stats, t]);

  if (error) return <StatusView kind="error" compact error={error} onRetry={onRetry} />;
  if (loading || !stats || !option) return <StatusView kind="loading" compact />;
  if (stats.total === 0) return <StatusView kind="empty" compact title={t('projects.emptyLibrary')} />;

  const { byStage } = stats;
  const figures = [
    { key: 'total', value: stats.total },
    { key: 'inProgress', value: byStage.approved + byStage.implementing },
    { key: 'reviewing', value: byStage.evaluating + byStage.tracking },
    { key: 'closed', value: byStage.closed },
  ] as const;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('home.overviewHint', { unit: unitName })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col xs={12} md={6} key={f.key}>
            <Card size="small" className="stat-card">
              <Statistic
                title={t(`home.${f.key}`)}
                value={f.key === 'total' && stats.truncated ? t('home.moreThan', { count: f.value }) : f.value}
                suffix={f.key === 'total' && stats.truncated ? undefined : t('home.projectsUnit')}
              />
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Typography.Title level={5}>{t('home.byStage')}</Typography.Title>
          <EChart option={option} ariaLabel={t('home.byStageChart')} height={280} />
        </Col>
      </Row>
    </>
  );
}
