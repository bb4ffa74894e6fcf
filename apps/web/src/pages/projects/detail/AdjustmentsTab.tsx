import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';
import { useApiQuery } from '../../../api/useApiQuery';
import { usePermissions } from '../../../app/permissions';
import { StatusView } from '../../../components/StatusView';
import { beijing } from '../../../format/date';
import { useFormat } from '../../../format/useFormat';
import { useApiSubmit } from '../../../forms/useApiSubmit';
import { useProjectActions } from './useProjectActions';

type Adjustment = ResponseOf<'/api/v1/projects/{id}/adjustments', 'get'>['items'][number];
const KINDS = ['add', 'withdraw', 'postpone', 'change'] as const;
const KIND_COLORS = { add: 'green', withdraw: 'red', postpone: 'orange', change: 'blue' } as const;

interface Values {
  kind: (typeof KINDS)[number];
  reason: string;
  approverName: string;
  approvedOn: Dayjs;
  documentNumber?: string;
  changes?: { title?: string; summary?: string };
}

/** 动态调整: each mid-year change with its reason, approver and date, kept as history. */
export function AdjustmentsTab({ projectId, onChanged }: { projectId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const list = useApiQuery(['adjustments', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/adjustments', { params: { path: { id: projectId } }, signal })));
  const [open, setOpen] = useState(false);
  if (list.error) return <StatusView kind="error" compact error={list.error} onRetry={list.reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {can.call('POST /api/v1/projects/{id}/adjustments') && (
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('projectDetail.adjustments.add')}
        </Button>
      )}
      <Table<Adjustment>
        rowKey="id"
        size="middle"
        loading={list.loading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <StatusView kind="empty" compact title={t('projectDetail.adjustments.empty')} /> }}
        columns={[
          { title: t('projectDetail.adjustments.kind'), dataIndex: 'kind', width: 100, render: (k: Adjustment['kind']) => <Tag color={KIND_COLORS[k]}>{t(`projectDetail.adjustmentKind.${k}`)}</Tag> },
          { title: t('projectDetail.adjustments.reason'), dataIndex: 'reason' },
          { title: t('projectDetail.adjustments.change'), width: 260, render: (_, a) => <ChangeSummary adjustment={a} /> },
          { title: t('projectDetail.adjustments.approver'), dataIndex: 'approverName', width: 120 },
          { title: t('projectDetail.adjustments.approvedOn'), dataIndex: 'approvedOn', width: 120, render: (d: string) => format.date(d) },
          { title: t('projectDetail.adjustments.documentNumber'), dataIndex: 'documentNumber', width: 160, render: (d: string | null) => d ?? '—' },
        ]}
      />
      {open && (
        <AdjustmentDialog
          projectId={projectId}
          onClose={() => setOpen(false)}
          onChanged={() => {
            list.reload();
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

function ChangeSummary({ adjustment }: { adjustment: Adjustment }) {
  const changed = Object.keys(adjustment.after).filter((key) => JSON.stringify(adjustment.after[key]) !== JSON.stringify(adjustment.before[key]));
  if (changed.length === 0) return <>—</>;
  return (
    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
      {changed.map((key) => `${key}: ${String(adjustment.before[key] ?? '—')} → ${String(adjustment.after[key] ?? '—')}`).join('；')}
    </Typography.Paragraph>
  );
}

function AdjustmentDialog({ projectId, onClose, onChanged }: { projectId: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { errors, busy, submit: send } = useApiSubmit(form);
  const actions = useProjectActions(onChanged);
  const kind = Form.useWatch('kind', form);
  const submit = (values: Values) =>
    send(async () => {
      const changes = values.kind === 'change' ? Object.fromEntries(Object.entries(values.changes ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) : undefined;
      await unwrap(
        api.POST('/api/v1/projects/{id}/adjustments', {
          params: { path: { id: projectId } },
          body: { kind: values.kind, reason: values.reason, approverName: values.approverName, approvedOn: values.approvedOn.format('YYYY-MM-DD'), documentNumber: values.documentNumber?.trim() || null, ...(changes ? { changes } : {}) },
        }),
      );
      actions.done(t('projectDetail.adjustments.added'));
      onClose();
    });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={t('projectDetail.adjustments.add')} okText={t('form.submit')} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={600}>
      <Form<Values> form={form} name="adjustment" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'change', approvedOn: beijing() }}>
        {errors.alert}
        <Form.Item name="kind" label={t('projectDetail.adjustments.kind')} rules={required}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`projectDetail.adjustmentKind.${k}`) }))} />
        </Form.Item>
        {kind === 'change' && (
          <>
            <Form.Item name={['changes', 'title']} label={t('projectDetail.adjustments.newTitle')}>
              <Input />
            </Form.Item>
            <Form.Item name={['changes', 'summary']} label={t('projectDetail.adjustments.newSummary')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
        <Form.Item name="reason" label={t('projectDetail.adjustments.reason')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="approverName" label={t('projectDetail.adjustments.approver')} rules={required}>
            <Input placeholder={t('projectDetail.adjustments.approverPlaceholder')} />
          </Form.Item>
          <Form.Item name="approvedOn" label={t('projectDetail.adjustments.approvedOn')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="documentNumber" label={t('projectDetail.adjustments.documentNumber')}>
            <Input />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
