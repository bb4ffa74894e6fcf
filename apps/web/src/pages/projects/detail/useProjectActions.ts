import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/errors';

export interface ProjectActions {
  /**
   * Runs a change that is not a form (a stage move, a milestone ticked off): success message and
   * reload, or the error told in a dialog (a 409's reason from the API, e.g. 「还有 3 个问题未销号，
   * 不能办结」). Returns whether it worked, so a confirm can stay open on failure.
   */
  run(change: () => Promise<unknown>, success: string): Promise<boolean>;
  /** A form's change went through (its failures are the form's, useApiSubmit): message and reload. */
  done(success: string): void;
}

/** The changes made on a project's page, and what follows them: the message and the reload. */
export function useProjectActions(onChanged: () => void): ProjectActions {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const done = (success: string) => {
    void message.success(success);
    onChanged();
  };
  return {
    async run(change, success) {
      try {
        await change();
        done(success);
        return true;
      } catch (error) {
        const described = describeError(error, t);
        modal.error({ title: described.title, content: described.description || undefined });
        return false;
      }
    },
    done,
  };
}
