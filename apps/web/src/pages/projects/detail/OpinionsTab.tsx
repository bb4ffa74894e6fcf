import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../../api/client';
import type { ResponseOf } from '../../../api/types';
import { useApiQuery } from '../../../api/useApiQuery';
import { StatusView } from '../../../components/StatusView';
import { useFormat } from '../../../format/useFormat';

type Opinion = ResponseOf<'/api/v1/projects/{id}/opinions', 'get'>['items'][number];

/** The project's deliberation opinions (审议意见), each leading to its problem list. */
export function OpinionsTab({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useApiQuery(['opinions', projectId], (signal) => unwrap(api.GET('/api/v1/projects/{id}/opinions', { params: { path: { id: projectId } }, signal })));
  if (list.error) return <StatusView kind="error" compact error={list.error} onRetry={list.reload} />;
  return (
    <Table<Opinion>
      rowKey="id"
      size="middle"
      loading={list.loading}
      pagination={false}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <StatusView kind="empty" compact title={t('projectDetail.opinions.empty')} /> }}
      columns={[
        { title: t('projectDetail.opinions.session'), dataIndex: 'session', render: (session: string, o) => <Link to={`/opinions/${o.id}`}>{session}</Link> },
        { title: t('projectDetail.opinions.date'), dataIndex: 'deliberatedOn', width: 130, render: (d: string) => format.date(d) },
        {
          title: t('projectDetail.opinions.status'),
          width: 220,
          render: (_, o) => (
            <Space size="small">
              {o.transmittedAt ? <Tag color="blue">{t('projectDetail.opinions.transmitted', { date: format.date(o.transmittedAt) })}</Tag> : <Tag>{t('projectDetail.opinions.draft')}</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}
