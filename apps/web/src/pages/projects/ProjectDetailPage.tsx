import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../PlaceholderPage';

/** 项目详情 (GET /api/v1/projects/{id}): stage actions, responsibilities, roadmap, schedule, timeline to come. */
export default function ProjectDetailPage() {
  const { t } = useTranslation();
  return <PlaceholderPage description={t('projects.detailHint')} />;
}
