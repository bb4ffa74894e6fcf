import { Navigate, createBrowserRouter } from 'react-router';
import CallbackPage from '../auth/CallbackPage';
import { CALLBACK_PATH } from '../auth/oidc';
import RouteErrorPage from '../pages/errors/RouteErrorPage';
import { HALL_DONE_PATH } from './hall-auth';
import HallPage from './HallPage';
import HallSetupPage from './HallSetupPage';
import { HallRoot } from './HallRoot';

/**
 * The routes of a hall tablet, and only these: the start screen and the member's ballot (/hall),
 * the goodbye screen (/hall/done), the office's setup (/hall/setup) and the sign-in callback.
 * Any other address (a typed /projects, the app's signed-out page) leads back to /hall: the rest of
 * the app is not built into this router, so no link or address reaches it from a hall tablet.
 */
export function createHallRouter({ invalidLink }: { invalidLink: boolean }) {
  return createBrowserRouter([
    {
      element: <HallRoot invalidLink={invalidLink} />,
      errorElement: <RouteErrorPage />,
      children: [
        { path: CALLBACK_PATH, element: <CallbackPage /> },
        { path: '/hall', element: <HallPage /> },
        { path: HALL_DONE_PATH, element: <HallPage done /> },
        { path: '/hall/setup', element: <HallSetupPage /> },
        { path: '*', element: <Navigate to="/hall" replace /> },
      ],
    },
  ]);
}
