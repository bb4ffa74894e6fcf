import { App, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { EVALUATION_GRADES } from '../../api/enums';
import type { Evaluation, EvaluationResult, PaperResultInput } from '../../api/types';
import { describeError } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { beijing } from '../../format/date';

/** A failed action as a message: the problem's title and the API's explanation. */
export function useActionError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown) => {
    const info = describeError(error, t);
    void message.error({ content: info.description ? `${info.title}: ${info.description}` : info.title, duration: 6 });
  };
}

/** 结束投票: asks first (closing is final: the ballots are counted, the box destroyed), then closes. */
export function useCloseEvaluation(onClosed: (result: EvaluationResult) => void, options: { quiet?: boolean } = {}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fail = useActionError();
  return (evaluation: Pick<Evaluation, 'id' | 'ballots' | 'present'>) =>
    modal.confirm({
      title: t('evaluations.actions.closeConfirmTitle'),
      content: t('evaluations.actions.closeConfirm', { ballots: evaluation.ballots, present: evaluation.present }),
      okText: t('evaluations.actions.closeOk'),
      okButtonProps: { danger: true },
      cancelText: t('form.cancel'),
      onOk: async () => {
        try {
          const result = await unwrap(api.POST('/api/v1/evaluations/{id}/close', { params: { path: { id: evaluation.id } } }));
          if (!options.quiet) void message.success(t('evaluations.actions.closed'));
          onClosed(result);
        } catch (error) {
          fail(error);
        }
      },
    });
}

interface PostponeValues {
  heldOn?: Dayjs;
  reason?: string;
}

/** 延期: a later date and the reason; only before the vote. */
export function PostponeModal({ evaluation, onClose, onDone }: { evaluation: Evaluation; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal<PostponeValues>
      title={t('evaluations.postpone.title')}
      okText={t('evaluations.postpone.submit')}
      initialValues={{ heldOn: beijing(evaluation.heldOn).add(1, 'month') }}
      onCancel={onClose}
      submit={async (values) => {
        await unwrap(
          api.POST('/api/v1/evaluations/{id}/postpone', {
            params: { path: { id: evaluation.id } },
            body: { heldOn: values.heldOn ? values.heldOn.format('YYYY-MM-DD') : '', reason: values.reason ?? '' },
          }),
        );
        void message.success(t('evaluations.postpone.done'));
        onDone();
        onClose();
      }}
    >
      {() => (
        <>
          <Form.Item name="heldOn" label={t('evaluations.postpone.heldOn')} rules={required} extra={t('evaluations.postpone.heldOnHint', { date: evaluation.heldOn })}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('evaluations.postpone.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('evaluations.postpone.reasonPlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

type PaperValues = Partial<Omit<PaperResultInput, 'scrutineers'>> & { scrutineers?: string[] };

/**
 * 录入纸质或表决器结果: a meeting that voted on paper or with the hall's device (or a past one):
 * the counts only, with the clerk (计票人) and the scrutineers (监票人).
 */
export function PaperResultModal({ evaluation, onClose, onDone }: { evaluation: Evaluation; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal<PaperValues>
      width={640}
      title={t('evaluations.paper.title')}
      okText={t('evaluations.paper.submit')}
      initialValues={{ source: 'paper', present: evaluation.present || undefined, counts: { notVoting: 0 } as PaperValues['counts'], scrutineers: [] }}
      onCancel={onClose}
      submit={async (values) => {
        const counts = values.counts ?? { satisfied: 0, basic: 0, unsatisfied: 0, notVoting: 0 };
        await unwrap(
          api.POST('/api/v1/evaluations/{id}/paper-result', {
            params: { path: { id: evaluation.id } },
            body: {
              present: values.present ?? 0,
              counts: { satisfied: counts.satisfied ?? 0, basic: counts.basic ?? 0, unsatisfied: counts.unsatisfied ?? 0, notVoting: counts.notVoting ?? 0 },
              clerk: values.clerk ?? '',
              scrutineers: (values.scrutineers ?? []).map((s) => s.trim()).filter(Boolean),
              source: values.source ?? 'paper',
            },
          }),
        );
        void message.success(t('evaluations.paper.done'));
        onDone();
        onClose();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('evaluations.paper.rosterHint', { roster: evaluation.roster })}</Typography.Paragraph>
          <Form.Item name="source" label={t('evaluations.paper.source')}>
            <Radio.Group
              options={[
                { value: 'paper', label: t('evaluations.result.sources.paper') },
                { value: 'device', label: t('evaluations.result.sources.device') },
              ]}
            />
          </Form.Item>
          <Space wrap size={12} align="start">
            <Form.Item name="present" label={t('evaluations.paper.present')} rules={required}>
              <InputNumber min={0} precision={0} style={{ width: 96 }} />
            </Form.Item>
            {EVALUATION_GRADES.map((g) => (
              <Form.Item key={g} name={['counts', g]} label={t(`grade.${g}`)} rules={required}>
                <InputNumber min={0} precision={0} style={{ width: 96 }} />
              </Form.Item>
            ))}
            <Form.Item name={['counts', 'notVoting']} label={t('evaluations.result.notVoting')} rules={required}>
              <InputNumber min={0} precision={0} style={{ width: 96 }} />
            </Form.Item>
          </Space>
          <Form.Item name="clerk" label={t('evaluations.paper.clerk')} rules={required}>
            <Input maxLength={50} style={{ maxWidth: 240 }} />
          </Form.Item>
          <Form.Item name="scrutineers" label={t('evaluations.paper.scrutineers')} rules={required} extra={t('evaluations.paper.scrutineersHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} placeholder={t('evaluations.paper.scrutineersPlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
