import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../PlaceholderPage';

/** 问题台账: the ledger (GET /api/v1/problems, /problems/counts, /problems.xlsx), to be built on the projects page's pattern. */
export default function ProblemsPage() {
  const { t } = useTranslation();
  return <PlaceholderPage description={t('problems.description')} />;
}
