import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Progress, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { TASK_STATUSES } from '../../../api/enums';
import type { ResponseOf } from '../../../api/types';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { StatusView } from '../../../components/StatusView';
import { todayInBeijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { useApiSubmit } from '../../../forms/useApiSubmit';
import { useProjectActions } from './useProjectActions';

type Task = ResponseOf<'/api/v1/projects/{id}/tasks', 'get'>['items'][number];
const STATUS_COLORS = { todo: 'default', doing: 'processing', done: 'success' } as const;

interface TaskValues {
  title: string;
  ownerName: string;
  milestoneId?: string;
  period: [Dayjs, Dayjs];
  weight?: number;
}

/**
 * 施工表: dated tasks with owner, status and percent done. The project's progress is their
 * weighted roll-up (the API computes it); a change is saved with the task's version, so two
 * people editing the same task do not overwrite each other silently.
 */
export function ScheduleTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const tasks = useApiQuery(['tasks', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/tasks', { params: { path: { id: projectId } }, signal })));
  const milestones = useApiQuery(['milestones', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/milestones', { params: { path: { id: projectId } }, signal })));
  const actions = useProjectActions(() => {
    tasks.reload();
    onChanged();
  });
  const [form] = Form.useForm<TaskValues>();
  const { errors, submit } = useApiSubmit(form);
  const mayEdit = can.call('PATCH /api/v1/projects/{id}/tasks/{taskId}');
  const today = todayInBeijing();

  const update = (task: Task, change: { status?: Task['status']; percent?: number }) =>
    actions.run(() => unwrap(api.PATCH('/api/v1/projects/{id}/tasks/{taskId}', { params: { path: { id: projectId, taskId: task.id } }, body: { ...change, version: task.version } })), t('projectDetail.schedule.saved'));

  const add = (values: TaskValues) =>
    submit(async () => {
      const [startDate, dueDate] = values.period;
      await unwrap(
        api.POST('/api/v1/projects/{id}/tasks', {
          params: { path: { id: projectId } },
          body: { title: values.title, ownerName: values.ownerName, ownerPersonId: null, milestoneId: values.milestoneId ?? null, startDate: startDate.format('YYYY-MM-DD'), dueDate: dueDate.format('YYYY-MM-DD'), weight: values.weight ?? 1 },
        }),
      );
      actions.done(t('projectDetail.schedule.added'));
      form.resetFields();
    });

  if (tasks.error) return <StatusView kind="error" compact error={tasks.error} onRetry={tasks.reload} />;
  const milestoneTitle = new Map((milestones.data?.items ?? []).map((m) => [m.id, m.title]));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Table<Task>
        rowKey="id"
        size="middle"
        loading={tasks.loading}
        pagination={false}
        dataSource={tasks.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <StatusView kind="empty" compact title={t('projectDetail.schedule.empty')} /> }}
        columns={[
          { title: t('projectDetail.schedule.task'), dataIndex: 'title' },
          { title: t('projectDetail.schedule.milestone'), dataIndex: 'milestoneId', width: 140, render: (id: string | null) => (id ? milestoneTitle.get(id) : '—') },
          { title: t('projectDetail.schedule.owner'), dataIndex: 'ownerName', width: 100 },
          {
            title: t('projectDetail.schedule.period'),
            width: 200,
            render: (_, task) => (
              <span className={task.status !== 'done' && task.dueDate < today ? 'text-late' : undefined}>
                {format.date(task.startDate)} – {format.date(task.dueDate)}
              </span>
            ),
          },
          { title: t('projectDetail.schedule.weight'), dataIndex: 'weight', width: 70 },
          {
            title: t('projectDetail.schedule.status'),
            width: 130,
            render: (_, task) =>
              mayEdit ? (
                <Select
                  size="small"
                  value={task.status}
                  aria-label={t('projectDetail.schedule.statusOf', { title: task.title })}
                  style={{ width: 100 }}
                  options={TASK_STATUSES.map((s) => ({ value: s, label: t(`projectDetail.taskStatus.${s}`) }))}
                  onChange={(status) => void update(task, { status, ...(status === 'done' ? { percent: 100 } : {}) })}
                />
              ) : (
                <Tag color={STATUS_COLORS[task.status]}>{t(`projectDetail.taskStatus.${task.status}`)}</Tag>
              ),
          },
          {
            title: t('projectDetail.schedule.percent'),
            width: 170,
            render: (_, task) =>
              mayEdit ? (
                <InputNumber
                  size="small"
                  min={0}
                  max={100}
                  precision={0}
                  defaultValue={task.percent}
                  key={`${task.id}-${task.version}`}
                  suffix="%"
                  aria-label={t('projectDetail.schedule.percentOf', { title: task.title })}
                  onBlur={(e) => {
                    const value = Number(e.target.value);
                    if (Number.isInteger(value) && value !== task.percent) void update(task, { percent: value });
                  }}
                />
              ) : (
                <Progress aria-label={t('projectDetail.schedule.percentOf', { title: task.title })} percent={task.percent} size="small" />
              ),
          },
        ]}
      />
      {can.call('POST /api/v1/projects/{id}/tasks') && (
        <Form<TaskValues> form={form} name="task" layout="inline" onFinish={(v) => void add(v)} className="inline-form">
          {errors.alert}
          <Form.Item name="title" label={t('projectDetail.schedule.task')} rules={[{ required: true, message: t('form.required') }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="ownerName" label={t('projectDetail.schedule.owner')} rules={[{ required: true, message: t('form.required') }]}>
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="milestoneId" label={t('projectDetail.schedule.milestone')}>
            <Select allowClear style={{ width: 160 }} options={(milestones.data?.items ?? []).map((m) => ({ value: m.id, label: m.title }))} />
          </Form.Item>
          <Form.Item name="period" label={t('projectDetail.schedule.period')} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="weight" label={t('projectDetail.schedule.weight')}>
            <InputNumber min={0.1} max={100} style={{ width: 80 }} placeholder="1" />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('projectDetail.schedule.add')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
