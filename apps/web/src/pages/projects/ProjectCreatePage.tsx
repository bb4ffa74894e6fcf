import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { PROJECT_CATEGORIES, PROJECT_SOURCES } from '../../api/enums';
import type { ProjectInput } from '../../api/types';
import { usePermissions } from '../../app/permissions';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { beijing } from '../../format/date';
import { useApiFormErrors } from '../../forms/useApiFormErrors';

type FormValues = Pick<ProjectInput, 'title' | 'year' | 'category' | 'sources' | 'plannedSession' | 'summary' | 'tags'>;

/**
 * 录入项目: the reference form. The browser checks only what it must (required fields); the
 * API's rules (lengths, ranges, enumerations) come back as problem+json field errors and are
 * shown beside their fields by useApiFormErrors, so the rules live in one place.
 */
export default function ProjectCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const can = usePermissions();
  const [form] = Form.useForm<FormValues>();
  const errors = useApiFormErrors(form);
  const [submitting, setSubmitting] = useState(false);

  if (can.readOnly) return <StatusView kind="forbidden" description={t('unit.readOnlyHint')} />;

  const submit = async (values: FormValues) => {
    errors.clear();
    setSubmitting(true);
    try {
      const body: ProjectInput = { ...values, plannedSession: values.plannedSession || null, summary: values.summary ?? '', tags: values.tags ?? [] };
      const project = await unwrap(api.POST('/api/v1/projects', { body }));
      void message.success(t('projectForm.created'));
      void navigate(`/projects/${project.id}`);
    } catch (error) {
      errors.apply(error);
    } finally {
      setSubmitting(false);
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <PageContainer title={t('projectForm.title')} description={t('projectForm.description')}>
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          initialValues={{ year: beijing().year() + 1, sources: [], tags: [] }}
          style={{ maxWidth: 760 }}
          scrollToFirstError
        >
          {errors.alert}
          <Form.Item name="title" label={t('projectForm.fields.title')} rules={required}>
            <Input placeholder={t('projectForm.placeholders.title')} />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="year" label={t('projectForm.fields.year')} rules={required}>
              <InputNumber style={{ width: 140 }} precision={0} />
            </Form.Item>
            <Form.Item name="category" label={t('projectForm.fields.category')} rules={required}>
              <Select style={{ width: 220 }} options={PROJECT_CATEGORIES.map((c) => ({ value: c, label: t(`enum.category.${c}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="sources" label={t('projectForm.fields.sources')}>
            <Select mode="multiple" options={PROJECT_SOURCES.map((s) => ({ value: s, label: t(`enum.source.${s}`) }))} />
          </Form.Item>
          <Form.Item name="plannedSession" label={t('projectForm.fields.plannedSession')}>
            <Input placeholder={t('projectForm.placeholders.plannedSession')} />
          </Form.Item>
          <Form.Item name="summary" label={t('projectForm.fields.summary')}>
            <Input.TextArea rows={4} showCount maxLength={5000} placeholder={t('projectForm.placeholders.summary')} />
          </Form.Item>
          <Form.Item name="tags" label={t('projectForm.fields.tags')}>
            <Select mode="tags" open={false} placeholder={t('projectForm.placeholders.tags')} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {submitting ? t('form.submitting') : t('form.submit')}
            </Button>
            <Button onClick={() => void navigate('/projects')}>{t('form.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </PageContainer>
  );
}
