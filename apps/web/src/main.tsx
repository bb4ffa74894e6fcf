import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppRouter } from './app/router';
import { loadRuntimeConfig } from './app/runtime-config';
import { createUserManager } from './auth/oidc';
import { BootError } from './components/BootError';
import { bootHall } from './hall/hall-boot';
import { initI18n } from './i18n';
import './theme/global.css';

const root = createRoot(document.getElementById('root')!);

await initI18n();
try {
  const config = await loadRuntimeConfig();
  // A hall tablet (会场平板) runs a router of its own with an OIDC client that keeps tokens in
  // memory and always asks for a password (src/hall); its code is loaded only there.
  const hall = bootHall();
  const [userManager, router] = hall.hall
    ? await import('./hall/hall-mode').then((mode) => [mode.createHallUserManager(config.oidc), mode.createHallRouter({ invalidLink: hall.invalidLink })] as const)
    : [createUserManager(config.oidc), createAppRouter()];
  root.render(
    <StrictMode>
      <App userManager={userManager} router={router} />
    </StrictMode>,
  );
} catch {
  root.render(<BootError />);
}
