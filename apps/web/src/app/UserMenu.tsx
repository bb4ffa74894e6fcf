import { CheckOutlined, DownOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useSession } from '../auth/AuthProvider';
import { primaryRole } from '../auth/roles';
import { LANGUAGES, changeLanguage, currentLanguage } from '../i18n';

/** The user's name and role in the header; the menu has the language and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const { signOut } = useAuth();
  const role = primaryRole(session.roles);
  const language = currentLanguage();

  const items: MenuProps['items'] = [
    { key: 'account', label: t('user.account', { username: session.username }), disabled: true },
    { type: 'divider' },
    {
      key: 'language',
      icon: <GlobalOutlined />,
      label: t('user.language'),
      children: LANGUAGES.map((lng) => ({
        key: `language:${lng}`,
        label: t(`user.languages.${lng}`),
        icon: lng === language ? <CheckOutlined /> : <span className="menu-icon-placeholder" />,
        onClick: () => void changeLanguage(lng),
      })),
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), danger: true, onClick: () => void signOut() },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="user-button" title={t('user.menu')} aria-haspopup="menu" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} className="user-avatar" />
        <span className="user-name">{session.name}</span>
        {role && <span className="user-role">{t(`role.${role}`)}</span>}
        <DownOutlined className="user-caret" />
      </Button>
    </Dropdown>
  );
}
