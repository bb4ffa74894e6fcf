import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFormErrors } from '../../../forms/useApiFormErrors';

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
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useApiFormErrors(form);
  const [busy, setBusy] = useState(false);

  const finish = async (values: Values) => {
    errors.clear();
    setBusy(true);
    try {
      await submit(values);
    } catch (error) {
      errors.apply(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={busy ? t('form.submitting') : okText}
      cancelText={t('form.cancel')}
      okButtonProps={{ htmlType: 'submit', danger, loading: busy }}
      onCancel={onCancel}
      destroyOnHidden
      width={600}
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
