import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../PlaceholderPage';

/** 满意度测评: evaluations (GET /api/v1/evaluations, /evaluations/stats), voting and the presiding screen to come. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  return <PlaceholderPage description={t('evaluations.description')} />;
}
