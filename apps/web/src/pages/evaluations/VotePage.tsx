import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../PlaceholderPage';

/** Being built (issue 6). */
export default function VotePage() {
  const { t } = useTranslation();
  return <PlaceholderPage description={t('evaluations.description')} />;
}
