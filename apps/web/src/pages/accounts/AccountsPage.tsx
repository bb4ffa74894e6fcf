import { SyncOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { pageSizeFromSearch, useCursorPages } from '../../api/paging';
import type { PersonAccount } from '../../api/types';
import { useApiQuery } from '../../api/useApiQuery';
import { usePermissions } from '../../app/permissions';
import { useUnit } from '../../app/unit-context';
import { CursorTable } from '../../components/CursorTable';
import { describeError } from '../../components/errors';
import { PageContainer } from '../../components/PageContainer';
import { useFormat } from '../../format/useFormat';
import { useBodies } from '../problems/components/useBodies';
import { AddLiaisonModal, AddMemberModal, LinkModal } from './account-forms';
import { ACCOUNT_STATE_COLORS, accountActions, anyInProgress, shownState, type AccountAction } from './account-actions';
import { LiaisonsCard } from './LiaisonsCard';
import { PasswordDialog, type IssuedFor } from './PasswordDialog';

/** How often the list asks again while an account is being opened (开通中). */
const REFRESH_MS = 2_000;

type Row = PersonAccount & { id: string };
type Dialog = { kind: 'member' } | { kind: 'liaison' } | { kind: 'link'; account: PersonAccount };

/**
 * 账号管理: who of the unit cannot sign in, and why (the directory's last error, in Chinese), with
 * what the office does about it: issue or reset a password (shown once), link an existing login,
 * unlink, retry now. Members and liaisons are added here too (the web app has no roster or bodies
 * page of its own), each with an optional login; their accounts follow. Province and city
 * administrators look at the units below with the header's unit switcher (read-only: no actions).
 */
export default function AccountsPage() {
  const { t } = useTranslation();
  const { unitCode, unit } = useUnit();
  const can = usePermissions();
  const [search, setSearch] = useSearchParams();
  const missing = search.get('missing') !== 'false';
  const size = pageSizeFromSearch(search);
  const pages = useCursorPages(JSON.stringify([unitCode, missing, size]));
  const queryKey = unitCode ? ['accounts', unitCode, missing, size, pages.cursor] : null;
  const list = useApiQuery(queryKey, (signal) =>
    unwrap(
      api.GET('/api/v1/units/{code}/accounts', {
        params: { path: { code: unitCode! }, query: { missing: missing ? 'true' : 'false', limit: size, cursor: pages.cursor } },
        signal,
      }),
    ),
  );
  const bodies = useBodies(unitCode);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The password just issued: only here, only while its dialog is open.
  const [issued, setIssued] = useState<IssuedFor | null>(null);
  const [liaisonsVersion, setLiaisonsVersion] = useState(0);

  // While the directory works on an account, ask again every few seconds, without the table's spinner.
  const keyString = JSON.stringify(queryKey);
  const [polledKey, setPolledKey] = useState<string | null>(null);
  const polling = anyInProgress(list.data?.items ?? []);
  const { loading, reload } = list;
  useEffect(() => {
    if (!polling || loading) return;
    const timer = window.setTimeout(() => {
      setPolledKey(keyString);
      reload();
    }, REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [polling, loading, reload, keyString]);
  const quiet = loading && polledKey === keyString;

  const rows = useMemo(() => list.data && { ...list.data, items: list.data.items.map((account): Row => ({ ...account, id: account.personId })) }, [list.data]);
  const changed = () => {
    reload();
    setLiaisonsVersion((v) => v + 1);
  };
  const act = useAccountActions(unitCode, unit?.name ?? '', setIssued, changed);
  const columns = useAccountColumns({
    bodyName: bodies.name,
    mayAct: can.call('POST /api/v1/units/{code}/accounts/{personId}/retry'),
    onAction: (action, account) => (action === 'link' ? setDialog({ kind: 'link', account }) : act(action, account)),
  });

  const setMissing = (value: boolean) => {
    const next = new URLSearchParams(search);
    if (value) next.delete('missing');
    else next.set('missing', 'false');
    setSearch(next);
  };
  const setSize = (value: number) => {
    const next = new URLSearchParams(search);
    next.set('size', String(value));
    setSearch(next);
  };

  return (
    <PageContainer
      description={t('accounts.description')}
      extra={
        can.call('POST /api/v1/units/{code}/roster') && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setDialog({ kind: 'member' })}>
            {t('accounts.member.add')}
          </Button>
        )
      }
    >
      <Card
        size="small"
        title={t('accounts.table')}
        className="accounts-card"
        extra={
          <Space size="large">
            {polling && (
              <Typography.Text type="secondary" role="status">
                <SyncOutlined /> {t('accounts.polling')}
              </Typography.Text>
            )}
            <Space size="small">
              <Switch id="accounts-missing-only" checked={missing} onChange={setMissing} />
              <label htmlFor="accounts-missing-only">{t('accounts.missingOnly')}</label>
            </Space>
          </Space>
        }
      >
        <CursorTable<Row>
          list={{ ...list, data: rows, loading: loading && !quiet }}
          pages={pages}
          columns={columns}
          scrollX={1120}
          empty={missing ? { title: t('accounts.empty'), description: t('accounts.emptyHint') } : { title: t('accounts.emptyAll') }}
          pageSize={{ value: size, onChange: setSize }}
        />
      </Card>

      {unitCode && (
        <LiaisonsCard
          unitCode={unitCode}
          version={liaisonsVersion}
          bodyName={bodies.name}
          mayAdd={can.call('POST /api/v1/units/{code}/bodies/{bodyId}/liaisons')}
          mayRemove={can.call('DELETE /api/v1/units/{code}/bodies/{bodyId}/liaisons/{personId}')}
          onAdd={() => setDialog({ kind: 'liaison' })}
          onChanged={changed}
        />
      )}

      {unitCode && dialog?.kind === 'member' && <AddMemberModal unitCode={unitCode} onClose={() => setDialog(null)} onDone={changed} />}
      {unitCode && dialog?.kind === 'liaison' && <AddLiaisonModal unitCode={unitCode} bodies={bodies.bodies} onClose={() => setDialog(null)} onDone={changed} />}
      {unitCode && dialog?.kind === 'link' && <LinkModal unitCode={unitCode} account={dialog.account} onClose={() => setDialog(null)} onDone={changed} />}
      {issued && <PasswordDialog issued={issued} onClose={() => setIssued(null)} />}
    </PageContainer>
  );
}

/**
 * The row actions without a form: each asks first where it changes something the person notices
 * (a new password, a disabled account), and shows a refusal as the problem's detail.
 */
function useAccountActions(unitCode: string | undefined, unitName: string, onIssued: (issued: IssuedFor) => void, onChanged: () => void) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const fail = (error: unknown) => {
    const described = describeError(error, t);
    modal.error({ title: described.title, content: described.description || undefined });
  };
  const path = (account: PersonAccount) => ({ params: { path: { code: unitCode!, personId: account.personId } } });

  return (action: Exclude<AccountAction, 'link'>, account: PersonAccount) => {
    if (!unitCode) return;
    if (action === 'issue' || action === 'reset') {
      modal.confirm({
        title: t(action === 'issue' ? 'accounts.actions.issueConfirmTitle' : 'accounts.actions.resetConfirmTitle', { name: account.name }),
        content: t(action === 'issue' ? 'accounts.actions.issueConfirm' : 'accounts.actions.resetConfirm'),
        okText: t('accounts.actions.issueOk'),
        cancelText: t('form.cancel'),
        onOk: async () => {
          try {
            const issued = await unwrap(api.POST('/api/v1/units/{code}/accounts/{personId}/initial-password', path(account)));
            onIssued({ ...issued, name: account.name, unitName });
            onChanged();
          } catch (error) {
            fail(error);
          }
        },
      });
      return;
    }
    if (action === 'unlink') {
      modal.confirm({
        title: t('accounts.actions.unlinkConfirmTitle', { name: account.name }),
        content: t('accounts.actions.unlinkConfirm', { username: account.username ?? '' }),
        okText: t('accounts.actions.unlinkOk'),
        okButtonProps: { danger: true },
        cancelText: t('form.cancel'),
        onOk: async () => {
          try {
            await unwrap(api.POST('/api/v1/units/{code}/accounts/{personId}/unlink', path(account)));
            void message.success(t('accounts.actions.unlinked'));
            onChanged();
          } catch (error) {
            fail(error);
          }
        },
      });
      return;
    }
    // start / retry: nothing the person notices; no question asked.
    void (async () => {
      try {
        await unwrap(api.POST('/api/v1/units/{code}/accounts/{personId}/retry', path(account)));
        void message.success(t('accounts.actions.retried'));
        onChanged();
      } catch (error) {
        fail(error);
      }
    })();
  };
}

function useAccountColumns({
  bodyName,
  mayAct,
  onAction,
}: {
  bodyName: (id: string) => string | undefined;
  mayAct: boolean;
  onAction: (action: AccountAction, account: PersonAccount) => void;
}): TableColumnsType<Row> {
  const { t } = useTranslation();
  const format = useFormat();
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<Row> = [
    {
      title: t('accounts.columns.name'),
      dataIndex: 'name',
      width: 130,
      render: (name: string, account) => (
        <>
          <Typography.Text strong>{name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" className="account-subline">
              {account.title}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t('accounts.columns.roles'),
      dataIndex: 'roles',
      width: 180,
      render: (roles: Row['roles'], account) => (
        <>
          <Space size={[0, 4]} wrap>
            {roles.map((role) => (
              <Tag key={role}>{t(`role.${role}`)}</Tag>
            ))}
          </Space>
          {account.bodyId && bodyName(account.bodyId) && (
            <div>
              <Typography.Text type="secondary" className="account-subline">
                {t('accounts.body', { name: bodyName(account.bodyId) })}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('accounts.columns.username'),
      dataIndex: 'username',
      width: 150,
      render: (username: string | null) => (username ? <Typography.Text code>{username}</Typography.Text> : <Typography.Text type="secondary">{t('accounts.noLogin')}</Typography.Text>),
    },
    {
      title: t('accounts.columns.state'),
      dataIndex: 'state',
      width: 130,
      render: (_: unknown, account) => {
        const state = shownState(account);
        return (
          <>
            <Tag color={ACCOUNT_STATE_COLORS[state]} data-testid="account-state">
              {t(`accounts.state.${state}`)}
            </Tag>
            {account.passwordIssuedAt && (
              <div>
                <Typography.Text type="secondary" className="account-subline">
                  {t('accounts.passwordIssuedAt', { time: format.dateTime(account.passwordIssuedAt) })}
                </Typography.Text>
              </div>
            )}
          </>
        );
      },
    },
    {
      title: t('accounts.columns.lastError'),
      dataIndex: 'lastError',
      // The directory's reason (in Chinese, for the office to act on) and, while it keeps trying, when next.
      render: (lastError: string | null, account) => {
        const retrying = account.nextAttemptAt !== null && account.attempts > 0;
        if (!lastError && !retrying) return dash;
        return (
          <>
            {lastError && <Typography.Text type="danger">{lastError}</Typography.Text>}
            {retrying && (
              <div>
                <Typography.Text type="secondary" className="account-subline">
                  {t('accounts.nextAttempt', { count: account.attempts, time: format.dateTime(account.nextAttemptAt) })}
                </Typography.Text>
              </div>
            )}
          </>
        );
      },
    },
  ];
  if (!mayAct) return columns;
  return [
    ...columns,
    {
      title: t('accounts.columns.actions'),
      key: 'actions',
      width: 290,
      render: (_: unknown, account) => {
        const actions = accountActions(account);
        if (actions.length === 0) return dash;
        return (
          <div role="group" aria-label={t('accounts.actions.label', { name: account.name })} className="account-actions">
            {actions.map((action) => (
              <Button key={action} type="link" size="small" danger={action === 'unlink'} onClick={() => onAction(action, account)}>
                {t(`accounts.actions.${action}`)}
              </Button>
            ))}
          </div>
        );
      },
    },
  ];
}
