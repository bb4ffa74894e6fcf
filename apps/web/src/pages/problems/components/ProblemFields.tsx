import { DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_KINDS, type Body } from './types';

/**
 * The problem's fields. `scope` 'measures' is what a responsible body fills in (measures and the
 * person in charge); 'full' is the staff's whole problem; the deadline only while it is a draft
 * (after assignment it changes only by an approved extension).
 */
export function ProblemFields({ scope, bodies, withDeadline }: { scope: 'full' | 'measures'; bodies: Body[]; withDeadline: boolean }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('form.required') }];
  const bodyOptions = bodies.map((b) => ({ value: b.id, label: b.name }));
  return (
    <>
      {scope === 'full' && (
        <>
          <Form.Item name="description" label={t('problemDetail.fields.description')} rules={required}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="place" label={t('problemDetail.fields.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('problemDetail.fields.category')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="responsibleBodyId" label={t('problemDetail.fields.responsibleBody')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={bodyOptions} />
          </Form.Item>
          <Form.Item name="coBodyIds" label={t('problemDetail.fields.coBodies')}>
            <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={bodyOptions} />
          </Form.Item>
        </>
      )}
      <Form.Item name="responsiblePerson" label={t('problemDetail.fields.responsiblePerson')}>
        <Input maxLength={50} />
      </Form.Item>
      {scope === 'full' && withDeadline && (
        <Form.Item name="deadline" label={t('problemDetail.fields.deadline')}>
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item name="measures" label={t('problemDetail.fields.measures')}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      {scope === 'full' && (
        <Form.Item name="requiredEvidence" label={t('problemDetail.fields.requiredEvidence')}>
          <Select mode="multiple" allowClear options={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidenceKind.${k}`) }))} />
        </Form.Item>
      )}
    </>
  );
}
