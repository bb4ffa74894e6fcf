import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { StatusView } from '../../../components/StatusView';
import { beijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { useApiSubmit } from '../../../forms/useApiSubmit';

type Opinion = ResponseOf<'/api/v1/projects/{id}/opinions', 'get'>['items'][number];

/**
 * The project's deliberation opinions (审议意见), each leading to its problem list; staff record
 * a new one after the session deliberates the report, then add its problems and transmit it on
 * the opinion's page.
 */
export function OpinionsTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const [creating, setCreating] = useState(false);
  const list = useApiQuery(['opinions', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/opinions', { params: { path: { id: projectId } }, signal })));
  if (list.error) return <StatusView kind="error" compact error={list.error} onRetry={list.reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {can.call('POST /api/v1/projects/{id}/opinions') && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('projectDetail.opinions.create')}
        </Button>
      )}
      <Table<Opinion>
        rowKey="id"
        size="middle"
        loading={list.loading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <StatusView kind="empty" compact title={t('projectDetail.opinions.empty')} /> }}
        columns={[
          { title: t('projectDetail.opinions.session'), dataIndex: 'session', render: (session: string, o) => <Link to={`/opinions/${o.id}`}>{session}</Link> },
          { title: t('projectDetail.opinions.date'), dataIndex: 'deliberatedOn', width: 130, render: (d: string) => format.date(d) },
          { title: t('projectDetail.opinions.problems'), dataIndex: 'problemCount', width: 100 },
          {
            title: t('projectDetail.opinions.status'),
            width: 220,
            render: (_, o) => (o.transmittedAt ? <Tag color="blue">{t('projectDetail.opinions.transmitted', { date: format.date(o.transmittedAt) })}</Tag> : <Tag>{t('projectDetail.opinions.draft')}</Tag>),
          },
        ]}
      />
      {creating && <CreateOpinionDialog projectId={projectId} onClose={() => setCreating(false)} />}
    </Space>
  );
}

interface Values {
  session: string;
  deliberatedOn: Dayjs;
  text: string;
}

function CreateOpinionDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { errors, busy, submit: send } = useApiSubmit(form);
  const submit = (values: Values) =>
    send(async () => {
      const opinion = await unwrap(
        api.POST('/api/v1/projects/{id}/opinions', {
          params: { path: { id: projectId } },
          body: { session: values.session, deliberatedOn: values.deliberatedOn.format('YYYY-MM-DD'), text: values.text, findingIds: [] },
        }),
      );
      onClose();
      void navigate(`/opinions/${opinion.id}`);
    });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={t('projectDetail.opinions.create')} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={680}>
      <Form<Values> form={form} name="opinion" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ deliberatedOn: beijing() }}>
        {errors.alert}
        <Form.Item name="session" label={t('projectDetail.opinions.session')} rules={required}>
          <Input placeholder={t('projectDetail.opinions.sessionPlaceholder')} />
        </Form.Item>
        <Form.Item name="deliberatedOn" label={t('projectDetail.opinions.date')} rules={required}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="text" label={t('projectDetail.opinions.text')} rules={required}>
          <Input.TextArea rows={6} maxLength={20000} showCount placeholder={t('projectDetail.opinions.textPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
