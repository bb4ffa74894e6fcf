import { Alert, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldError } from '../api/problem';
import { describeError } from '../components/errors';
import { mapFieldErrors, type NamePath } from './field-errors';

export interface ApiFormErrors {
  /**
   * Shows a failed submission: the API's field errors beside their fields (scrolling to the
   * first), everything else in the alert above the form. Takes any error.
   */
  apply(error: unknown): void;
  /** Clears the alert (call when submitting again). Field errors clear as the user edits. */
  clear(): void;
  /** Render this above the form's fields. */
  alert: ReactNode;
}

/**
 * The API's errors on an Ant Design form:
 *
 *   const [form] = Form.useForm<ProjectInput>();
 *   const errors = useApiFormErrors(form);
 *   const submit = async (values: ProjectInput) => {
 *     errors.clear();
 *     try { await unwrap(api.POST('/api/v1/projects', { body: values })); }
 *     catch (error) { errors.apply(error); }
 *   };
 *   <Form form={form} onFinish={submit}>{errors.alert}<Form.Item name="title" …/></Form>
 *
 * Field names are the API's: a Form.Item named 'title' receives 'body.title'. For a filter form
 * sent as a query, pass prefix 'query'.
 */
export function useApiFormErrors<Values>(form: FormInstance<Values>, options: { prefix?: string } = {}): ApiFormErrors {
  const { t } = useTranslation();
  const prefix = options.prefix ?? 'body';
  const [failure, setFailure] = useState<{ error: unknown; unmatched: FieldError[]; mapped: number } | null>(null);

  const apply = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
        setFailure({ error, unmatched: [], mapped: 0 });
        return;
      }
      const registered = form.getFieldsError().map((field) => field.name as NamePath);
      const { fields, unmatched } = mapFieldErrors(error.fieldErrors, registered, prefix);
      form.setFields(fields.map((field) => ({ name: field.name as never, errors: field.errors })));
      setFailure({ error, unmatched, mapped: fields.length });
      if (fields[0]) form.scrollToField(fields[0].name as never, { block: 'center', focus: true });
    },
    [form, prefix],
  );

  const clear = useCallback(() => setFailure(null), []);

  let alert: ReactNode = null;
  if (failure) {
    const info = describeError(failure.error, t);
    const isValidation = failure.error instanceof ApiError && failure.error.code === 'validation';
    alert = (
      <Alert
        type="error"
        showIcon
        className="form-error-alert"
        style={{ marginBottom: 16 }}
        title={isValidation ? t('form.fixErrors') : info.title}
        description={
          failure.unmatched.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {failure.unmatched.map((e) => (
                <li key={`${e.field}:${e.rule}`}>
                  {e.message} <Typography.Text code>{e.field}</Typography.Text>
                </li>
              ))}
            </ul>
          ) : isValidation ? (
            t('form.fieldErrorsCount', { count: failure.mapped })
          ) : (
            info.description || undefined
          )
        }
      />
    );
  }
  return { apply, clear, alert };
}
