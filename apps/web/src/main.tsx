import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppRouter } from './app/router';
import { loadRuntimeConfig } from './app/runtime-config';
import { createUserManager } from './auth/oidc';
import { BootError } from './components/BootError';
import { initI18n } from './i18n';
import './theme/global.css';

const root = createRoot(document.getElementById('root')!);

await initI18n();
try {
  const config = await loadRuntimeConfig();
  const userManager = createUserManager(config.oidc);
  root.render(
    <StrictMode>
      <App userManager={userManager} router={createAppRouter()} />
    </StrictMode>,
  );
} catch {
  root.render(<BootError />);
}
