import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { PersonAccount } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import type { Body } from '../problems/components/types';

/** A login typed in, or nothing: an empty field is left out, so the directory makes one. */
function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * 关联已有账号: the person uses the login typed here (an existing account of the unit is linked,
 * otherwise one is made). Only `required` is checked here: the API's Username rule and its
 * message (登录名须为 3–64 位小写字母…) land beside the field.
 */
export function LinkModal({ unitCode, account, onClose, onDone }: { unitCode: string; account: PersonAccount; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<{ username: string }>
      title={t('accounts.link.title', { name: account.name })}
      okText={t('accounts.link.submit')}
      initialValues={{ username: account.username ?? '' }}
      onCancel={onClose}
      submit={async ({ username }) => {
        await unwrap(
          api.POST('/api/v1/units/{code}/accounts/{personId}/link', {
            params: { path: { code: unitCode, personId: account.personId } },
            body: { username: username.trim() },
          }),
        );
        void message.success(t('accounts.actions.linked'));
        onDone();
        onClose();
      }}
    >
      {() => (
        <Form.Item name="username" label={t('accounts.link.username')} rules={[{ required: true, message: t('form.required') }]} extra={t('accounts.link.usernameHint')}>
          <Input autoFocus autoComplete="off" spellCheck={false} maxLength={64} placeholder={t('accounts.link.usernamePlaceholder')} />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface MemberValues {
  name: string;
  username?: string;
}

/** 添加组成人员: a member of the standing committee (委员), with an optional login; the account follows. */
export function AddMemberModal({ unitCode, onClose, onDone }: { unitCode: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<MemberValues>
      title={t('accounts.member.title')}
      okText={t('accounts.member.submit')}
      onCancel={onClose}
      submit={async (values) => {
        const person = await unwrap(
          api.POST('/api/v1/units/{code}/roster', {
            params: { path: { code: unitCode } },
            body: { name: values.name.trim(), username: optional(values.username) },
          }),
        );
        void message.success(t('accounts.member.added', { name: person.name }));
        onDone();
        onClose();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('accounts.member.note')}</Typography.Paragraph>
          <Form.Item name="name" label={t('accounts.member.name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input autoFocus maxLength={32} />
          </Form.Item>
          <Form.Item name="username" label={t('accounts.member.username')} extra={t('accounts.member.usernameHint')}>
            <Input autoComplete="off" spellCheck={false} maxLength={64} placeholder={t('accounts.member.usernamePlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

interface LiaisonValues {
  bodyId: string;
  name: string;
  title?: string;
  username?: string;
}

/** 添加联络员: a responsible body's contact, with an optional login; the account follows. */
export function AddLiaisonModal({ unitCode, bodies, onClose, onDone }: { unitCode: string; bodies: readonly Body[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <FormModal<LiaisonValues>
      title={t('accounts.liaisons.addTitle')}
      okText={t('accounts.liaisons.submit')}
      onCancel={onClose}
      submit={async (values) => {
        const person = await unwrap(
          api.POST('/api/v1/units/{code}/bodies/{bodyId}/liaisons', {
            params: { path: { code: unitCode, bodyId: values.bodyId } },
            body: { name: values.name.trim(), title: optional(values.title), username: optional(values.username) },
          }),
        );
        void message.success(t('accounts.liaisons.added', { name: person.name }));
        onDone();
        onClose();
      }}
    >
      {() => (
        <>
          <Form.Item name="bodyId" label={t('accounts.liaisons.body')} rules={[{ required: true, message: t('form.required') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('accounts.liaisons.bodyPlaceholder')}
              options={bodies.map((body) => ({ value: body.id, label: body.name }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('accounts.liaisons.name')} rules={[{ required: true, message: t('form.required') }]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="title" label={t('accounts.liaisons.liaisonTitle')}>
            <Input maxLength={32} placeholder={t('accounts.liaisons.liaisonTitlePlaceholder')} />
          </Form.Item>
          <Form.Item name="username" label={t('accounts.liaisons.username')} extra={t('accounts.liaisons.usernameHint')}>
            <Input autoComplete="off" spellCheck={false} maxLength={64} placeholder={t('accounts.liaisons.usernamePlaceholder')} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
