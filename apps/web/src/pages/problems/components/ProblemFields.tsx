import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { beijing } from '../../../format/date';
import { EVIDENCE_KINDS, type Body, type EvidenceKind, type ProblemItem } from './types';

/** The editable fields of a problem (整改清单) as the form holds them. */
export interface ProblemFormValues {
  description?: string;
  place?: string;
  category?: string;
  responsibleBodyId?: string;
  coBodyIds?: string[];
  responsiblePerson?: string;
  deadline?: Dayjs | null;
  measures?: string;
  requiredEvidence?: EvidenceKind[];
}

export function problemFormValues(p: ProblemItem): ProblemFormValues {
  return {
    description: p.description,
    place: p.place,
    category: p.category,
    responsibleBodyId: p.responsibleBodyId,
    coBodyIds: p.coBodyIds,
    responsiblePerson: p.responsiblePerson,
    deadline: p.deadline ? beijing(p.deadline) : null,
    measures: p.measures,
    requiredEvidence: p.requiredEvidence,
  };
}

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

/** What a responsible body may change: the measures and the person in charge. */
export function measuresBody(values: ProblemFormValues) {
  return { responsiblePerson: values.responsiblePerson ?? '', measures: values.measures ?? '' };
}

/** The API body of the whole problem; the deadline only when it may be set. */
export function problemBody(values: ProblemFormValues, withDeadline: boolean) {
  return {
    ...measuresBody(values),
    description: values.description ?? '',
    place: values.place ?? '',
    category: values.category ?? '',
    responsibleBodyId: values.responsibleBodyId ?? '',
    coBodyIds: values.coBodyIds ?? [],
    requiredEvidence: values.requiredEvidence ?? [],
    ...(withDeadline ? { deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null } : {}),
  };
}

/** Only the fields whose value differs from the problem's (so the record says what really changed). */
export function changedOnly<B extends Record<string, unknown>>(body: B, problem: ProblemItem): Partial<B> {
  const before = problem as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]))) as Partial<B>;
}
