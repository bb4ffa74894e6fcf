import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Popconfirm, Space, Steps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { StatusView } from '../../../components/StatusView';
import { beijing, todayInBeijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { useApiSubmit } from '../../../forms/useApiSubmit';
import { useProjectActions } from './useProjectActions';

/**
 * 路线图: the milestones in order, each done, due or late; an empty roadmap starts from the
 * standard template (调研 → 审议 → 交办 → 整改 → 测评 → 回头看) laid out from a start date.
 */
export function RoadmapTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const list = useApiQuery(['milestones', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/milestones', { params: { path: { id: projectId } }, signal })));
  const actions = useProjectActions(() => {
    list.reload();
    onChanged();
  });
  const [form] = Form.useForm<{ title: string; dueDate: Dayjs }>();
  const { errors, submit } = useApiSubmit(form);
  const [start, setStart] = useState<Dayjs | null>(beijing());
  const mayAdd = can.call('POST /api/v1/projects/{id}/milestones');
  const mayComplete = can.call('POST /api/v1/projects/{id}/milestones/{milestoneId}/complete');

  if (list.error) return <StatusView kind="error" compact error={list.error} onRetry={list.reload} />;
  if (!list.data) return <StatusView kind="loading" compact />;
  const milestones = list.data.items;
  const today = todayInBeijing();
  const current = milestones.findIndex((m) => !m.doneAt);

  const addOne = (values: { title: string; dueDate: Dayjs }) =>
    submit(async () => {
      await unwrap(api.POST('/api/v1/projects/{id}/milestones', { params: { path: { id: projectId } }, body: { title: values.title, dueDate: values.dueDate.format('YYYY-MM-DD') } }));
      actions.done(t('projectDetail.roadmap.added'));
      form.resetFields();
    });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {milestones.length === 0 ? (
        <StatusView
          kind="empty"
          compact
          title={t('projectDetail.roadmap.empty')}
          description={t('projectDetail.roadmap.emptyHint')}
          action={
            mayAdd && (
              <Space>
                <DatePicker value={start} onChange={setStart} aria-label={t('projectDetail.roadmap.startDate')} />
                <Button
                  type="primary"
                  disabled={!start}
                  onClick={() =>
                    void actions.run(
                      () => unwrap(api.POST('/api/v1/projects/{id}/milestones', { params: { path: { id: projectId } }, body: { template: 'standard', startDate: start!.format('YYYY-MM-DD') } })),
                      t('projectDetail.roadmap.templateApplied'),
                    )
                  }
                >
                  {t('projectDetail.roadmap.applyTemplate')}
                </Button>
              </Space>
            )
          }
        />
      ) : (
        <Steps
          direction="vertical"
          current={current === -1 ? milestones.length : current}
          items={milestones.map((m) => {
            const late = !m.doneAt && m.dueDate < today;
            return {
              status: m.doneAt ? 'finish' : late ? 'error' : m === milestones[current] ? 'process' : 'wait',
              title: m.title,
              description: (
                <Space size="middle" wrap>
                  <Typography.Text type={late ? 'danger' : 'secondary'}>
                    {m.doneAt ? t('projectDetail.roadmap.doneOn', { date: format.date(m.doneAt) }) : t(late ? 'projectDetail.roadmap.lateSince' : 'projectDetail.roadmap.dueOn', { date: format.date(m.dueDate) })}
                  </Typography.Text>
                  {!m.doneAt && mayComplete && (
                    <Popconfirm
                      title={t('projectDetail.roadmap.completeConfirm', { title: m.title })}
                      okText={t('projectDetail.roadmap.complete')}
                      cancelText={t('form.cancel')}
                      onConfirm={() =>
                        actions.run(
                          () => unwrap(api.POST('/api/v1/projects/{id}/milestones/{milestoneId}/complete', { params: { path: { id: projectId, milestoneId: m.id } } })),
                          t('projectDetail.roadmap.completed'),
                        )
                      }
                    >
                      <Button size="small" icon={<CheckOutlined />}>
                        {t('projectDetail.roadmap.complete')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            };
          })}
        />
      )}
      {mayAdd && milestones.length > 0 && (
        <Form form={form} name="milestone" layout="inline" onFinish={(v) => void addOne(v)} className="inline-form">
          {errors.alert}
          <Form.Item name="title" label={t('projectDetail.roadmap.title')} rules={[{ required: true, message: t('form.required') }]}>
            <Input style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('projectDetail.roadmap.dueDate')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('projectDetail.roadmap.add')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
