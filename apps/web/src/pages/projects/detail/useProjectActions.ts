import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../components/errors';

/**
 * Runs a change on the project (a transition, a new roadmap line, …): success message, reload,
 * and an error told in words (a 409's reason from the API, e.g. 「还有 3 个问题未销号，不能办结」).
 * Returns whether it worked, so a modal can stay open on failure.
 */
export function useProjectAction(onChanged: () => void) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  return async (run: () => Promise<unknown>, success: string): Promise<boolean> => {
    try {
      await run();
      void message.success(success);
      onChanged();
      return true;
    } catch (error) {
      const described = describeError(error, t);
      modal.error({ title: described.title, content: described.description || undefined });
      return false;
    }
  };
}
