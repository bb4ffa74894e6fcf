import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { VoteScreen } from './VoteScreen';

/** /evaluations/:id/vote: the member's ballot on their own phone or tablet, with a way back to the evaluation. */
export default function VotePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return <VoteScreen evaluationId={id} footerLink={<Link to={`/evaluations/${id}`}>{t('vote.back')}</Link>} />;
}
