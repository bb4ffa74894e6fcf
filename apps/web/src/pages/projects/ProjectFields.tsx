import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PROJECT_CATEGORIES, PROJECT_SOURCES } from '../../api/enums';
import type { ProjectInput } from '../../api/types';

export type ProjectFieldValues = Pick<ProjectInput, 'title' | 'year' | 'category' | 'sources' | 'plannedSession' | 'summary' | 'tags'>;

/** The fields of a project as staff enter them: shared by 录入项目 and the edit drawer of the detail page. */
export function ProjectFields() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('form.required') }];
  return (
    <>
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
    </>
  );
}
