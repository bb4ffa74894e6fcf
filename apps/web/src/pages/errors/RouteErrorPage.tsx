import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { isChunkLoadError } from '../../components/errors';
import { StatusView } from '../../components/StatusView';

/** A page threw while rendering or its chunk failed to load: say so, offer a reload. */
export default function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <StatusView kind="not-found" />;
  if (isChunkLoadError(error)) return <StatusView kind="error" error={error} />;
  return <StatusView kind="error" title={t('state.pageError')} description={t('state.pageErrorHint')} onRetry={() => window.location.reload()} />;
}
