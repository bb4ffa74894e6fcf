import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, createBrowserRouter, type RouteObject } from 'react-router';
import { useSession } from '../auth/AuthProvider';
import CallbackPage from '../auth/CallbackPage';
import { CALLBACK_PATH, SIGNED_OUT_PATH } from '../auth/oidc';
import { RequireAuth } from '../auth/RequireAuth';
import { RequireRole } from '../auth/RequireRole';
import type { Role } from '../auth/roles';
import SignedOutPage from '../auth/SignedOutPage';
import { FullPageStatus } from '../components/FullPageStatus';
import NotFoundPage from '../pages/errors/NotFoundPage';
import RouteErrorPage from '../pages/errors/RouteErrorPage';
import { AppLayout } from './AppLayout';
import { homePathFor } from './navigation';
import { useCurrentPage, type PageHandle } from './page-trail';
import { PAGES, type PageDefinition } from './pages';
import { UnitProvider } from './unit-context';

/** The home page's gate: a liaison, who has only the portal, is taken there instead. */
function HomeGate({ roles }: { roles: readonly Role[] }) {
  const session = useSession();
  const home = homePathFor(session.roles);
  return home === '/' ? <RequireRole roles={roles} /> : <Navigate to={home} replace />;
}

/**
 * A page of PAGES as a route: a gate (RequireRole) with the page as its lazy index child, so a
 * page's chunk is fetched only when someone allowed to see it opens it.
 */
function pageRoute(page: PageDefinition): RouteObject {
  const handle: PageHandle = { page };
  const gate = page.path === '' ? <HomeGate roles={page.roles} /> : <RequireRole roles={page.roles} />;
  return {
    // The home page is a pathless route whose index child matches '/'.
    ...(page.path === '' ? {} : { path: page.path }),
    handle,
    element: gate,
    errorElement: <RouteErrorPage />,
    children: [{ index: true, lazy: async () => ({ Component: (await page.load()).default }) }],
  };
}

/** The frame of a bare page (layout 'bare'): the whole window is the page's; the title is still set. */
function BareLayout() {
  const { t } = useTranslation();
  const page = useCurrentPage();
  useEffect(() => {
    document.title = page ? `${t(page.titleKey)} · ${t('app.title')}` : t('app.title');
  }, [page, t]);
  return <Outlet />;
}

export function createAppRouter() {
  const framed = PAGES.filter((page) => page.layout !== 'bare');
  const bare = PAGES.filter((page) => page.layout === 'bare');
  const routes: RouteObject[] = [
    { path: CALLBACK_PATH, element: <CallbackPage /> },
    { path: SIGNED_OUT_PATH, element: <SignedOutPage /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <UnitProvider>
            <Outlet />
          </UnitProvider>
        </RequireAuth>
      ),
      errorElement: <RouteErrorPage />,
      hydrateFallbackElement: <FullPageStatus kind="loading" />,
      children: [
        { element: <AppLayout />, children: [...framed.map(pageRoute), { path: '*', element: <NotFoundPage /> }] },
        { element: <BareLayout />, children: bare.map(pageRoute) },
      ],
    },
  ];
  return createBrowserRouter(routes);
}
