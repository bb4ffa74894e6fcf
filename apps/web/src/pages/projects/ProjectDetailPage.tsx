import { EditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Descriptions, Drawer, Form, Progress, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { STAGE_COLORS } from '../../api/enums';
import { ApiError } from '../../api/problem';
import type { ProjectDetail } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { useFormat } from '../../format/useFormat';
import { useApiSubmit } from '../../forms/useApiSubmit';
import { AdjustmentsTab } from './detail/AdjustmentsTab';
import { OpinionsTab } from './detail/OpinionsTab';
import { ResponsibilitiesTab } from './detail/ResponsibilitiesTab';
import { RoadmapTab } from './detail/RoadmapTab';
import { ScheduleTab } from './detail/ScheduleTab';
import { StageActions } from './detail/StageActions';
import { PROJECT_STAGES } from '../../api/enums';
import { TimelineTab } from './detail/TimelineTab';
import { useProjectActions } from './detail/useProjectActions';
import { ProjectFields, type ProjectFieldValues } from './ProjectFields';

export const HEALTH_BADGE = { green: 'success', yellow: 'warning', red: 'error' } as const;
/** The stage path shown as steps: every stage in the API's order but 撤销, which leaves the path. */
const STAGE_PATH = PROJECT_STAGES.filter((s) => s !== 'withdrawn');

/**
 * 项目详情: one project through its whole life. The stage path with the legal next moves and
 * their guards; the derived progress and health; the responsibility letter, roadmap, schedule,
 * adjustments and opinions; and the timeline of the closed loop across the services.
 */
export default function ProjectDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const format = useFormat();
  const can = usePermissions();
  const [editing, setEditing] = useState(false);
  const project = useApiQuery(['project', id], (signal) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal })));

  if (project.error instanceof ApiError && project.error.status === 404) return <StatusView kind="not-found" description={t('projectDetail.notFound')} />;
  if (project.error && !project.data) return <StatusView kind="error" error={project.error} onRetry={project.reload} />;
  if (!project.data) return <StatusView kind="loading" />;
  const p = project.data;
  const reload = project.reload;
  const stageIndex = STAGE_PATH.indexOf(p.stage as (typeof STAGE_PATH)[number]);

  return (
    <PageContainer
      title={p.title}
      description={
        <Space size="small" wrap>
          <Tag color={STAGE_COLORS[p.stage]}>{t(`enum.stage.${p.stage}`)}</Tag>
          <Tag>{t(`enum.category.${p.category}`)}</Tag>
          <span>{t('projectDetail.yearOf', { year: p.year })}</span>
          {p.approval && <span>{t('projectDetail.approvedBy', { body: t(`projectDetail.decidingBody.${p.approval.decidingBody}`), number: p.approval.documentNumber })}</span>}
        </Space>
      }
      extra={
        can.call('PATCH /api/v1/projects/{id}') &&
        p.stage !== 'closed' &&
        p.stage !== 'withdrawn' && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('projectDetail.edit')}
          </Button>
        )
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('projectDetail.stagePath')}>
            <div className="stage-path" role="list" aria-label={t('projectDetail.stagePath')}>
              {STAGE_PATH.map((stage, index) => (
                <span key={stage} role="listitem" className={index < stageIndex ? 'stage-done' : index === stageIndex ? 'stage-current' : 'stage-todo'} aria-current={index === stageIndex ? 'step' : undefined}>
                  {t(`enum.stage.${stage}`)}
                </span>
              ))}
              {p.stage === 'withdrawn' && <span className="stage-withdrawn">{t('enum.stage.withdrawn')}</span>}
            </div>
            <div style={{ marginTop: 16 }}>
              <StageActions project={p} onChanged={reload} />
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('projectDetail.progress')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Progress percent={Math.round(p.progress)} status={p.health === 'red' ? 'exception' : 'normal'} aria-label={t('projectDetail.progress')} />
              <Badge status={HEALTH_BADGE[p.health]} text={t(`projectDetail.health.${p.health}`)} />
              <Typography.Text type="secondary">{t(`projectDetail.healthHint.${p.health}`)}</Typography.Text>
            </Space>
          </Card>
        </Col>
        <Col span={24}>
          <Card>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'sources', label: t('projectForm.fields.sources'), children: p.sources.map((s) => t(`enum.source.${s}`)).join('、') || '—' },
                { key: 'session', label: t('projectForm.fields.plannedSession'), children: p.plannedSession ?? '—' },
                { key: 'approval', label: t('projectDetail.approval.title'), children: p.approval ? `${t(`projectDetail.decidingBody.${p.approval.decidingBody}`)} ${format.date(p.approval.decisionDate)} ${p.approval.documentNumber}` : '—' },
                { key: 'tags', label: t('projectForm.fields.tags'), children: p.tags.length ? p.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—' },
                { key: 'updated', label: t('projectDetail.updatedAt'), children: format.dateTime(p.updatedAt) },
                { key: 'summary', label: t('projectForm.fields.summary'), span: 'filled', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.summary || '—'}</Typography.Paragraph> },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card>
            <Tabs
              items={[
                { key: 'responsibilities', label: t('projectDetail.tabs.responsibilities'), children: <ResponsibilitiesTab projectId={p.id} onChanged={reload} /> },
                { key: 'roadmap', label: t('projectDetail.tabs.roadmap'), children: <RoadmapTab projectId={p.id} onChanged={reload} /> },
                { key: 'schedule', label: t('projectDetail.tabs.schedule'), children: <ScheduleTab projectId={p.id} onChanged={reload} /> },
                { key: 'adjustments', label: t('projectDetail.tabs.adjustments'), children: <AdjustmentsTab projectId={p.id} onChanged={reload} /> },
                { key: 'opinions', label: t('projectDetail.tabs.opinions'), children: <OpinionsTab projectId={p.id} /> },
                { key: 'timeline', label: t('projectDetail.tabs.timeline'), children: <TimelineTab projectId={p.id} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {editing && <EditDrawer project={p} onClose={() => setEditing(false)} onChanged={reload} />}
    </PageContainer>
  );
}

/** Edits the project's fields with its version: a stale version (someone saved meanwhile) is refused and said so. */
function EditDrawer({ project, onClose, onChanged }: { project: ProjectDetail; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProjectFieldValues>();
  const { errors, busy, submit: send } = useApiSubmit(form);
  const actions = useProjectActions(onChanged);
  const submit = (values: ProjectFieldValues) =>
    send(async () => {
      await unwrap(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.id } },
          body: { ...values, plannedSession: values.plannedSession || null, summary: values.summary ?? '', tags: values.tags ?? [], version: project.version },
        }),
      );
      actions.done(t('projectDetail.saved'));
      onClose();
    });
  return (
    <Drawer
      open
      width={640}
      title={t('projectDetail.edit')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('form.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>
            {t('form.submit')}
          </Button>
        </Space>
      }
    >
      <Form<ProjectFieldValues> form={form} name="project-edit" layout="vertical" onFinish={(v) => void submit(v)} initialValues={project} scrollToFirstError>
        {errors.alert}
        <ProjectFields />
      </Form>
    </Drawer>
  );
}
