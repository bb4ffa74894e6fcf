import { api } from '../api/client';
import { hallDeviceFromUrl, isHallPath, readHallDevice, writeHallDevice } from './hall-device';
import { HALL_TAB_KEY } from './hall-wipe';

export type HallBoot = { hall: false } | { hall: true; invalidLink: boolean };

/**
 * Decides at start whether this page runs as a hall tablet: the device carries the flag, the
 * address is under /hall, or this tab began a hall sign-in (the identity provider then sends it
 * back to /auth/callback). A bookmarked /hall?evaluation=<id>[&idle=<s>] sets the flag and is
 * replaced by /hall, so the address bar keeps nothing but the path.
 */
export function bootHall(): HallBoot {
  const { pathname, search } = window.location;
  let invalidLink = false;
  if (pathname === '/hall') {
    const wanted = hallDeviceFromUrl(search, readHallDevice(window.localStorage));
    if (wanted === 'invalid') invalidLink = true;
    else if (wanted) writeHallDevice(window.localStorage, wanted);
    if (search) window.history.replaceState(null, '', '/hall');
  }
  const hall = !!readHallDevice(window.localStorage) || isHallPath(pathname) || window.sessionStorage.getItem(HALL_TAB_KEY) === '1';
  if (!hall) return { hall: false };

  window.sessionStorage.setItem(HALL_TAB_KEY, '1');
  document.documentElement.classList.add('hall-mode');
  // API answers may hold a member's standing: never into the browser's HTTP cache on a shared tablet.
  api.use({ onRequest: ({ request }) => new Request(request, { cache: 'no-store' }) });
  return { hall: true, invalidLink };
}
