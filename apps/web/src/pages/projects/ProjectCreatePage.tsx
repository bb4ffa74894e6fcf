import { App, Button, Card, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { ProjectInput } from '../../api/types';
import { usePermissions } from '../../app/permissions';
import { PageContainer } from '../../components/PageContainer';
import { StatusView } from '../../components/StatusView';
import { beijing } from '../../format/date';
import { useApiSubmit } from '../../forms/useApiSubmit';
import { ProjectFields, type ProjectFieldValues } from './ProjectFields';

type FormValues = ProjectFieldValues;

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
  const { errors, busy: submitting, submit: send } = useApiSubmit(form);

  if (can.readOnly) return <StatusView kind="forbidden" description={t('unit.readOnlyHint')} />;

  const submit = (values: FormValues) =>
    send(async () => {
      const body: ProjectInput = { ...values, plannedSession: values.plannedSession || null, summary: values.summary ?? '', tags: values.tags ?? [] };
      const project = await unwrap(api.POST('/api/v1/projects', { body }));
      void message.success(t('projectForm.created'));
      void navigate(`/projects/${project.id}`);
    });

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
          <ProjectFields />
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
