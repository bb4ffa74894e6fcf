import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionsOf } from '../../../api/actions';
import { api, unwrap } from '../../../api/client';
import type { ProjectDetail, ProjectStage } from '../../../api/types';
import { usePermissions } from '../../../app/permissions';
import { beijing } from '../../../format/date';
import { useApiSubmit } from '../../../forms/useApiSubmit';
import { useProjectActions } from './useProjectActions';

const DECISION_BODIES = ['chairs-council', 'standing-committee', 'party-committee'] as const;

interface ApprovalValues {
  approval: { decidingBody: (typeof DECISION_BODIES)[number]; decisionDate: Dayjs; documentNumber: string };
}

/**
 * The stage actions of a project: one button per stage move open from its stage, as the project's
 * allowedActions say (project-library's rules table, for this caller), each with what its guard
 * needs (the approval record, a reason to withdraw) and, where the caller may not move now, the
 * service's reason instead of a dead click.
 */
export function StageActions({ project, onChanged }: { project: ProjectDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const actions = useProjectActions(onChanged);
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<'approve' | 'withdraw' | null>(null);
  // Stage moves are the actions that lead to another stage (adjustments and sub-records carry a dot).
  const moves = actionsOf(project).all.filter((a) => a.to && !a.action.includes('.'));
  if (!can.call('POST /api/v1/projects/{id}/transitions') || moves.length === 0) return null;

  const move = (to: ProjectStage, extra: { reason?: string } = {}) =>
    actions.run(
      () => unwrap(api.POST('/api/v1/projects/{id}/transitions', { params: { path: { id: project.id } }, body: { to, expectedVersion: project.version, ...extra } })),
      t('projectDetail.moved', { stage: t(`enum.stage.${to}`) }),
    );

  return (
    <>
      <Space wrap aria-label={t('projectDetail.stageActions')}>
        {moves.map((a) => {
          const to = a.to as ProjectStage;
          const blocked = a.allowed ? undefined : a.reason;
          const label = t(`projectDetail.moveTo.${to}`);
          const onClick = () => {
            if (to === 'approved') setDialog('approve');
            else if (to === 'withdrawn') setDialog('withdraw');
            else
              modal.confirm({
                title: label,
                content: to === 'closed' ? t('projectDetail.guard.closed') : t('projectDetail.confirmMove', { stage: t(`enum.stage.${to}`) }),
                okText: label,
                cancelText: t('form.cancel'),
                onOk: () => move(to),
              });
          };
          const button = (
            <Button key={to} type={to === 'withdrawn' ? 'default' : 'primary'} danger={to === 'withdrawn'} ghost={to !== 'withdrawn'} disabled={!!blocked} onClick={onClick}>
              {label}
            </Button>
          );
          return blocked ? (
            <Tooltip key={to} title={blocked}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Space>
      {dialog === 'approve' && <ApproveDialog project={project} onClose={() => setDialog(null)} onChanged={onChanged} />}
      {dialog === 'withdraw' && (
        <ReasonDialog
          title={t('projectDetail.moveTo.withdrawn')}
          label={t('projectDetail.withdrawReason')}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => (await move('withdrawn', { reason })) && setDialog(null)}
        />
      )}
    </>
  );
}

function ApproveDialog({ project, onClose, onChanged }: { project: ProjectDetail; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApprovalValues>();
  const { errors, busy, submit: send } = useApiSubmit(form);
  const actions = useProjectActions(onChanged);
  const submit = (values: ApprovalValues) =>
    send(async () => {
      await unwrap(
        api.POST('/api/v1/projects/{id}/transitions', {
          params: { path: { id: project.id } },
          body: { to: 'approved', expectedVersion: project.version, approval: { ...values.approval, decisionDate: values.approval.decisionDate.format('YYYY-MM-DD') } },
        }),
      );
      actions.done(t('projectDetail.moved', { stage: t('enum.stage.approved') }));
      onClose();
    });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal open title={t('projectDetail.moveTo.approved')} okText={t('projectDetail.moveTo.approved')} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Alert type="info" showIcon message={t('projectDetail.guard.approved')} style={{ marginBottom: 16 }} />
      <Form<ApprovalValues> form={form} name="approval" layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ approval: { decidingBody: 'chairs-council', decisionDate: beijing() } }}>
        {errors.alert}
        <Form.Item name={['approval', 'decidingBody']} label={t('projectDetail.approval.decidingBody')} rules={required}>
          <Select options={DECISION_BODIES.map((b) => ({ value: b, label: t(`projectDetail.decidingBody.${b}`) }))} />
        </Form.Item>
        <Form.Item name={['approval', 'decisionDate']} label={t('projectDetail.approval.decisionDate')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={['approval', 'documentNumber']} label={t('projectDetail.approval.documentNumber')} rules={required}>
          <Input placeholder={t('projectDetail.approval.documentNumberPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A dialog asking for one required text (a reason). */
export function ReasonDialog({ title, label, onClose, onSubmit }: { title: string; label: string; onClose: () => void; onSubmit: (reason: string) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={title} okText={title} okButtonProps={{ danger: true }} cancelText={t('form.cancel')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        name="reason"
        layout="vertical"
        onFinish={(values) => {
          setBusy(true);
          void onSubmit(values.reason.trim()).finally(() => setBusy(false));
        }}
      >
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
