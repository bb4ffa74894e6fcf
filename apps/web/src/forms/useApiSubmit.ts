import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useApiFormErrors, type ApiFormErrors } from './useApiFormErrors';

export interface ApiSubmit {
  /** The failure of the last submission on the form: render `errors.alert` above the fields. */
  errors: ApiFormErrors;
  /** A submission is running: the submit button's loading state. */
  busy: boolean;
  /** Runs one submission; false when it failed (the failure is then shown on the form). */
  submit(run: () => Promise<unknown>): Promise<boolean>;
}

/**
 * A form's submission to the API: clears the last failure, is busy while it runs, and shows a
 * failure on the form (the API's field errors beside their fields, the rest in the alert):
 *
 *   const { errors, busy, submit } = useApiSubmit(form);
 *   const add = (values: Input) =>
 *     submit(async () => {
 *       await unwrap(api.POST('/api/v1/projects/{id}/responsibilities', { … }));
 *       actions.done(t('projectDetail.responsibilities.added'));
 *       form.resetFields();
 *     });
 */
export function useApiSubmit<Values>(form: FormInstance<Values>, options: { prefix?: string } = {}): ApiSubmit {
  const errors = useApiFormErrors(form, options);
  const [busy, setBusy] = useState(false);
  const submit = async (run: () => Promise<unknown>): Promise<boolean> => {
    errors.clear();
    setBusy(true);
    try {
      await run();
      return true;
    } catch (error) {
      errors.apply(error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, submit };
}
