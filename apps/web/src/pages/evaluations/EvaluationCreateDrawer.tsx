import { App, Button, DatePicker, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useDeferredValue, useState, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { EvaluationInput } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { useUnit } from '../../app/unit-context';
import { useFormat } from '../../format/useFormat';
import { useApiSubmit } from '../../forms/useApiSubmit';
import { useBodies } from './evaluation-ui';

interface FormValues {
  projectId?: string;
  opinionId?: string;
  bodyId?: string;
  session?: string;
  heldOn?: Dayjs;
  reportTitle?: string;
}

/**
 * 组织测评: the project and its deliberation opinion, the body whose handling is evaluated, the
 * session, the date and the report. The roster is frozen from the unit's roster when created.
 */
export function EvaluationCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const { message } = App.useApp();
  const { unitCode } = useUnit();
  const [form] = Form.useForm<FormValues>();
  const { errors, busy: submitting, submit: send } = useApiSubmit(form);
  const [projectSearch, setProjectSearch] = useState('');
  const q = useDeferredValue(projectSearch.trim());
  const projectId = Form.useWatch('projectId', form);

  const projects = useApiQuery(open && unitCode ? ['evaluation-projects', unitCode, q] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects', { params: { query: { unit: unitCode!, q: q || undefined, limit: 20 } }, signal })),
  );
  const opinions = useApiQuery(open && projectId ? ['project-opinions', projectId] : null, (signal) =>
    unwrap(api.GET('/api/v1/projects/{id}/opinions', { params: { path: { id: projectId! } }, signal })),
  );
  const bodies = useBodies(open ? unitCode : undefined);

  // An evaluation is of how an opinion was handled: propose the project's latest transmitted one.
  const latestTransmitted = (opinions.data?.items ?? [])
    .filter((o) => o.transmittedAt)
    .sort((a, b) => b.deliberatedOn.localeCompare(a.deliberatedOn))[0]?.id;
  useEffect(() => {
    if (latestTransmitted && !form.getFieldValue('opinionId')) form.setFieldValue('opinionId', latestTransmitted);
  }, [form, latestTransmitted]);

  const submit = (values: FormValues) =>
    send(async () => {
      const body: EvaluationInput = {
        projectId: values.projectId ?? '',
        opinionId: values.opinionId ?? null,
        bodyId: values.bodyId ?? null,
        session: values.session ?? '',
        heldOn: values.heldOn ? values.heldOn.format('YYYY-MM-DD') : '',
        reportTitle: values.reportTitle ?? '',
      };
      const created = await unwrap(api.POST('/api/v1/evaluations', { body }));
      void message.success(t('evaluations.create.created'));
      form.resetFields();
      onClose();
      void navigate(`/evaluations/${created.id}`);
    });

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('evaluations.create.title')}
      size={560}
      destroyOnHidden
      footer={
        <Space>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            {submitting ? t('form.submitting') : t('evaluations.create.submit')}
          </Button>
          <Button onClick={onClose}>{t('form.cancel')}</Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('evaluations.create.hint')}</Typography.Paragraph>
      <Form<FormValues> form={form} layout="vertical" onFinish={(values) => void submit(values)} scrollToFirstError aria-label={t('evaluations.create.title')}>
        {errors.alert}
        <Form.Item name="projectId" label={t('evaluations.fields.project')} rules={required}>
          <Select
            showSearch={{ filterOption: false, onSearch: setProjectSearch }}
            placeholder={t('evaluations.placeholders.project')}
            loading={projects.loading}
            notFoundContent={projects.loading ? t('state.loading') : t('state.empty')}
            options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: t('evaluations.create.projectOption', { title: p.title, year: p.year }) }))}
            onChange={() => form.setFieldValue('opinionId', undefined)}
          />
        </Form.Item>
        <Form.Item name="opinionId" label={t('evaluations.fields.opinion')} extra={t('evaluations.create.opinionHint')}>
          <Select
            allowClear
            disabled={!projectId}
            placeholder={projectId ? t('evaluations.placeholders.opinion') : t('evaluations.placeholders.projectFirst')}
            loading={opinions.loading}
            options={(opinions.data?.items ?? []).map((o) => ({ value: o.id, label: t('evaluations.create.opinionOption', { session: o.session, date: format.date(o.deliberatedOn) }) }))}
          />
        </Form.Item>
        <Form.Item name="bodyId" label={t('evaluations.fields.body')} extra={t('evaluations.create.bodyHint')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('evaluations.placeholders.body')}
            loading={bodies.loading}
            options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item name="session" label={t('evaluations.fields.session')} rules={required}>
          <Input placeholder={t('evaluations.placeholders.session')} maxLength={100} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('evaluations.fields.heldOn')} rules={required}>
          <DatePicker style={{ width: 200 }} placeholder={t('evaluations.placeholders.heldOn')} />
        </Form.Item>
        <Form.Item name="reportTitle" label={t('evaluations.fields.reportTitle')} rules={required}>
          <Input.TextArea rows={2} maxLength={300} showCount placeholder={t('evaluations.placeholders.reportTitle')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
