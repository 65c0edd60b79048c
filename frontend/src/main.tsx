import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { setupI18n } from './i18n';
import { LocaleProvider } from './i18n/LocaleProvider';
import { SessionProvider } from './auth/session';
import { TokenStore } from './auth/tokenStore';
import { createRefresher } from './auth/refresher';
import { AppRoutes } from './routes';
import './styles.css';

setupI18n();

const store = new TokenStore({ refresher: createRefresher('/graphql') });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <SessionProvider store={store}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </LocaleProvider>
  </StrictMode>,
);
