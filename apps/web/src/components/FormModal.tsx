import { Form, Modal, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiSubmit } from '../forms/useApiSubmit';

/**
 * A dialog holding one form: Enter submits, Esc cancels, the API's field errors land beside the
 * fields (useApiFormErrors). Render it only while open ({open && <FormModal …/>}).
 */
export function FormModal<Values extends object>({
  title,
  okText,
  danger,
  initialValues,
  onCancel,
  submit,
  children,
  hideAlert,
  width = 600,
}: {
  title: ReactNode;
  okText: ReactNode;
  danger?: boolean;
  initialValues?: Partial<Values>;
  onCancel: () => void;
  /** Sends the form; throws what the API answered to have it shown. */
  submit: (values: Values) => Promise<void>;
  children: (form: FormInstance<Values>) => ReactNode;
  /** The form shows the failure itself (the field errors still land beside the fields). */
  hideAlert?: boolean;
  width?: number;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { errors, busy, submit: send } = useApiSubmit(form);
  const finish = (values: Values) => send(() => submit(values));

  return (
    <Modal
      open
      title={title}
      okText={busy ? t('form.submitting') : okText}
      cancelText={t('form.cancel')}
      okButtonProps={{ htmlType: 'submit', danger, loading: busy }}
      onCancel={onCancel}
      destroyOnHidden
      width={width}
      modalRender={(dom) => (
        <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void finish(values)} scrollToFirstError clearOnDestroy>
          {dom}
        </Form>
      )}
    >
      {!hideAlert && errors.alert}
      {children(form)}
    </Modal>
  );
}
