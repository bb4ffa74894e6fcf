import { Alert, Button, Layout, Menu } from 'antd';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigation } from 'react-router';
import { useSession } from '../auth/AuthProvider';
import { menuFor, menuKeyOf } from './navigation';
import { useCurrentPage } from './page-trail';
import { PAGES } from './pages';
import { useUnit } from './unit-context';
import { UserMenu } from './UserMenu';

const COLLAPSED_KEY = 'congress.menu.collapsed';
const UnitSwitcher = lazy(() => import('./UnitSwitcher'));

/** The frame around every signed-in page: header (unit, switcher, user), side menu, content. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const { unit, own, readOnly, select, switchable } = useUnit();
  const page = useCurrentPage();
  const navigation = useNavigation();
  const [collapsed, setCollapsed] = useState(() => window.localStorage.getItem(COLLAPSED_KEY) === '1');

  const items = useMemo(
    () =>
      menuFor(PAGES, session.roles).map((p) => ({
        key: p.path,
        icon: p.icon,
        label: <Link to={`/${p.path}`}>{t(p.titleKey)}</Link>,
      })),
    [session.roles, t],
  );
  const selectedKey = page ? menuKeyOf(PAGES, page.path) : undefined;

  useEffect(() => {
    document.title = page ? `${t(page.titleKey)} · ${t('app.title')}` : t('app.title');
  }, [page, t]);

  const toggle = (value: boolean) => {
    window.localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    setCollapsed(value);
  };

  return (
    <Layout className="app">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand" aria-label={t('app.title')}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="app-brand-title">{t('app.title')}</span>
        </Link>
        <span className="app-unit" data-testid="current-unit">
          {(own ?? unit)?.name}
        </span>
        <span className="app-header-spacer" />
        {switchable && (
          <Suspense fallback={null}>
            <UnitSwitcher />
          </Suspense>
        )}
        <UserMenu />
      </Layout.Header>
      {navigation.state === 'loading' && <div className="nav-progress" role="progressbar" aria-label={t('state.loading')} />}
      <Layout>
        <Layout.Sider
          className="app-sider"
          theme="light"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={toggle}
          breakpoint="lg"
          trigger={<span aria-label={t(collapsed ? 'nav.expand' : 'nav.collapse')}>{collapsed ? '›' : '‹'}</span>}
        >
          <nav aria-label={t('nav.menu')}>
            <Menu mode="inline" items={items} selectedKeys={selectedKey !== undefined ? [selectedKey] : []} className="app-menu" />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="app-content">
          {readOnly && unit && (
            <Alert
              className="read-only-banner"
              type="warning"
              showIcon
              title={t('unit.readOnly', { unit: unit.name })}
              description={t('unit.readOnlyHint')}
              action={
                own && (
                  <Button size="small" onClick={() => select(own.code)}>
                    {t('unit.backToOwn')}
                  </Button>
                )
              }
            />
          )}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
