import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { StatusView } from '../../../components/StatusView';
import { useApiSubmit } from '../../../forms/useApiSubmit';
import { useProjectActions } from './useProjectActions';

type Input = BodyOf<'/api/v1/projects/{id}/responsibilities', 'post'>;

/** 责任书: who answers for what. A line is added by staff; the letter exists once it has one. */
export function ResponsibilitiesTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const list = useApiQuery(['responsibilities', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/responsibilities', { params: { path: { id: projectId } }, signal })));
  const [form] = Form.useForm<Input>();
  const { errors, busy, submit } = useApiSubmit(form);
  const actions = useProjectActions(() => {
    list.reload();
    onChanged();
  });

  const add = (values: Input) =>
    submit(async () => {
      await unwrap(api.POST('/api/v1/projects/{id}/responsibilities', { params: { path: { id: projectId } }, body: { ...values, holderPersonId: null } }));
      actions.done(t('projectDetail.responsibilities.added'));
      form.resetFields();
    });

  if (list.error) return <StatusView kind="error" compact error={list.error} onRetry={list.reload} />;
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="middle"
        loading={list.loading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <StatusView kind="empty" compact title={t('projectDetail.responsibilities.empty')} /> }}
        columns={[
          { title: t('projectDetail.responsibilities.role'), dataIndex: 'role', width: 180 },
          { title: t('projectDetail.responsibilities.holder'), dataIndex: 'holderName', width: 160 },
          { title: t('projectDetail.responsibilities.duty'), dataIndex: 'duty' },
        ]}
      />
      {can.call('POST /api/v1/projects/{id}/responsibilities') && (
        <Form<Input> form={form} name="responsibility" layout="inline" onFinish={(v) => void add(v)} aria-label={t('projectDetail.responsibilities.add')} className="inline-form">
          {errors.alert}
          <Form.Item name="role" label={t('projectDetail.responsibilities.role')} rules={required}>
            <Input placeholder={t('projectDetail.responsibilities.rolePlaceholder')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="holderName" label={t('projectDetail.responsibilities.holder')} rules={required}>
            <Input style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="duty" label={t('projectDetail.responsibilities.duty')} rules={required}>
            <Input style={{ width: 320 }} placeholder={t('projectDetail.responsibilities.dutyPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('projectDetail.responsibilities.add')}
          </Button>
        </Form>
      )}
    </Space>
  );
}
