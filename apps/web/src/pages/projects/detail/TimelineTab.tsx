import { Alert, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useApiQuery } from '../../../api/useApiQuery';
import { StatusView } from '../../../components/StatusView';
import { useFormat } from '../../../format/useFormat';

const KIND_COLORS: Record<string, string> = {
  created: 'gray',
  stage: 'blue',
  adjustment: 'orange',
  'milestone-done': 'green',
  finding: 'gray',
  opinion: 'blue',
  transmitted: 'blue',
  'problems-closed': 'green',
  'problem-reopened': 'red',
  extension: 'orange',
  'look-back': 'purple',
  evaluation: 'red',
};

/**
 * The trace of the closed loop: everything that happened to the project across the services,
 * in order. A service that did not answer is named, so a gap is never mistaken for "nothing".
 */
export function TimelineTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const timeline = useApiQuery(['timeline', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/timeline', { params: { path: { id: projectId } }, signal })));
  if (timeline.error) return <StatusView kind="error" compact error={timeline.error} onRetry={timeline.reload} />;
  if (!timeline.data) return <StatusView kind="loading" compact />;
  const { items, incomplete } = timeline.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {incomplete.length > 0 && <Alert type="warning" showIcon message={t('projectDetail.timeline.incomplete', { services: incomplete.join('、') })} />}
      {items.length === 0 ? (
        <StatusView kind="empty" compact title={t('projectDetail.timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((entry) => ({
            color: KIND_COLORS[entry.kind] ?? 'gray',
            children: (
              <Space direction="vertical" size={0}>
                <Space size="small" wrap>
                  <Typography.Text type="secondary">{format.dateTime(entry.at)}</Typography.Text>
                  <Tag>{t(`projectDetail.timelineKind.${entry.kind}`)}</Tag>
                  {entry.actor && <Typography.Text type="secondary">{entry.actor}</Typography.Text>}
                </Space>
                <Typography.Text>{entry.summary}</Typography.Text>
              </Space>
            ),
          }))}
        />
      )}
    </Space>
  );
}
