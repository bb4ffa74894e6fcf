import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { IssuedPassword } from '../../api/types';
import { useFormat } from '../../format/useFormat';

export interface IssuedFor extends IssuedPassword {
  /** The person's name (the API's answer names only the login). */
  name: string;
  /** The unit's name, for the notice. */
  unitName: string;
}

/**
 * The initial (or reset) password, shown once. It lives only in the page's state while this dialog
 * is open: never in a store, the URL or a cache (the API answers with Cache-Control: no-store), and
 * the owner drops it when the dialog closes, which unmounts the dialog and the printable notice.
 *
 * 打印开通通知单 prints the notice (姓名、登录名、初始密码、首次登录须修改密码、平台地址) with
 * window.print(): the notice is in the page only while the dialog is open, hidden on screen, and
 * the print stylesheet (.account-slip in global.css) prints it alone.
 */
export function PasswordDialog({ issued, onClose }: { issued: IssuedFor; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  // When it was issued, for the notice: fixed when the dialog opens.
  const [issuedAt] = useState(() => new Date());

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.password);
      void message.success(t('accounts.password.copied'));
    } catch {
      void message.warning(t('accounts.password.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('accounts.password.title', { name: issued.name })}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      width={560}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('accounts.password.copy')}
        </Button>,
        <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('accounts.password.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('accounts.password.close')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon className="issued-password-alert" title={t('accounts.password.once')} />
      <Descriptions
        column={1}
        bordered
        size="middle"
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: t('accounts.password.name'), children: issued.name },
          { key: 'username', label: t('accounts.password.username'), children: <Typography.Text strong data-testid="issued-username">{issued.username}</Typography.Text> },
          {
            key: 'password',
            label: t('accounts.password.password'),
            children: (
              <span className="issued-password" data-testid="issued-password">
                {issued.password}
              </span>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" className="issued-password-note">
        {t('accounts.password.firstSignIn')}
      </Typography.Paragraph>
      {createPortal(
        <section className="account-slip" aria-hidden="true">
          <h1>{t('accounts.slip.title')}</h1>
          <table>
            <tbody>
              <tr>
                <th>{t('accounts.slip.unit')}</th>
                <td>{issued.unitName}</td>
              </tr>
              <tr>
                <th>{t('accounts.slip.name')}</th>
                <td>{issued.name}</td>
              </tr>
              <tr>
                <th>{t('accounts.slip.username')}</th>
                <td className="account-slip-code">{issued.username}</td>
              </tr>
              <tr>
                <th>{t('accounts.slip.password')}</th>
                <td className="account-slip-code">{issued.password}</td>
              </tr>
              <tr>
                <th>{t('accounts.slip.address')}</th>
                <td className="account-slip-code">{window.location.origin}</td>
              </tr>
            </tbody>
          </table>
          <p className="account-slip-important">{t('accounts.slip.firstSignIn')}</p>
          <p>{t('accounts.slip.keep')}</p>
          <p className="account-slip-date">{t('accounts.slip.issuedAt', { time: format.dateTime(issuedAt) })}</p>
        </section>,
        document.body,
      )}
    </Modal>
  );
}
