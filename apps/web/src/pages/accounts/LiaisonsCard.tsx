import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { Person } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { describeError } from '../../components/errors';
import { StatusView } from '../../components/StatusView';

/**
 * 承办单位联络员: the responsible bodies' contacts of the unit, added and removed here (the web app
 * has no bodies page). Their accounts are listed with everyone's above.
 */
export function LiaisonsCard({
  unitCode,
  version,
  bodyName,
  mayAdd,
  mayRemove,
  onAdd,
  onChanged,
}: {
  unitCode: string;
  /** Grows when something changed the liaisons: they are loaded again. */
  version: number;
  bodyName: (id: string) => string | undefined;
  mayAdd: boolean;
  mayRemove: boolean;
  onAdd: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const liaisons = useApiQuery(['liaisons', unitCode, version], (signal) =>
    unwrap(api.GET('/api/v1/units/{code}/people', { params: { path: { code: unitCode }, query: { role: 'body-liaison', limit: 200 } }, signal })),
  );

  const remove = (person: Person) => {
    const body = person.bodyId ? (bodyName(person.bodyId) ?? '') : '';
    modal.confirm({
      title: t('accounts.liaisons.removeConfirmTitle', { name: person.name }),
      content: t('accounts.liaisons.removeConfirm', { name: person.name, body }),
      okText: t('accounts.liaisons.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('form.cancel'),
      onOk: async () => {
        try {
          await unwrap(
            api.DELETE('/api/v1/units/{code}/bodies/{bodyId}/liaisons/{personId}', { params: { path: { code: unitCode, bodyId: person.bodyId!, personId: person.id } } }),
          );
          void message.success(t('accounts.liaisons.removed', { name: person.name }));
          onChanged();
        } catch (error) {
          const described = describeError(error, t);
          modal.error({ title: described.title, content: described.description || undefined });
        }
      },
    });
  };

  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<Person> = [
    { title: t('accounts.liaisons.columns.body'), dataIndex: 'bodyId', render: (id: string | null) => (id ? (bodyName(id) ?? dash) : dash) },
    { title: t('accounts.liaisons.columns.name'), dataIndex: 'name', width: 160 },
    { title: t('accounts.liaisons.columns.title'), dataIndex: 'title', width: 160 },
    {
      title: t('accounts.liaisons.columns.username'),
      dataIndex: 'username',
      width: 200,
      render: (username: string | null) => (username ? <Typography.Text code>{username}</Typography.Text> : <Typography.Text type="secondary">{t('accounts.noLogin')}</Typography.Text>),
    },
    ...(mayRemove
      ? [
          {
            title: t('accounts.liaisons.columns.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, person: Person) => (
              <Button type="link" size="small" danger aria-label={t('accounts.liaisons.removeLabel', { name: person.name })} onClick={() => remove(person)}>
                {t('accounts.liaisons.remove')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      className="liaisons-card"
      title={t('accounts.liaisons.title')}
      extra={
        mayAdd && (
          <Button icon={<UserAddOutlined />} onClick={onAdd}>
            {t('accounts.liaisons.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('accounts.liaisons.hint')}</Typography.Paragraph>
      {liaisons.error ? (
        <StatusView kind="error" compact error={liaisons.error} onRetry={liaisons.reload} />
      ) : (
        <Table<Person>
          rowKey="id"
          columns={columns}
          dataSource={liaisons.data?.items ?? []}
          loading={liaisons.loading}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 800 }}
          locale={{ emptyText: liaisons.loading ? <StatusView kind="loading" compact /> : <StatusView kind="empty" compact title={t('accounts.liaisons.empty')} /> }}
        />
      )}
    </Card>
  );
}
