import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useAuth } from '../auth';
import { LiveNotifications } from '../notifications/live';
import { NotificationBell } from './NotificationBell';

export function Shell({ children }: { children: ComponentChildren }) {
  const { account } = useAuth();
  return <LiveNotifications loggedIn={Boolean(account)}><Layout>{children}</Layout></LiveNotifications>;
}

function Layout({ children }: { children: ComponentChildren }) {
  const { account, logOut } = useAuth();
  const { path } = useLocation();
  const current = (prefix: string) => (path.startsWith(prefix) ? 'page' : undefined);
  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href={account ? '/agenda' : '/'}>Nexus</a>
        <nav aria-label="Main">
          {account ? (
            <ul>
              <li><a href="/agenda" aria-current={current('/agenda')}>Agenda</a></li>
              <li><a href="/groups" aria-current={current('/groups')}>Groups</a></li>
              <li><a href="/notes" aria-current={current('/notes')}>Notes</a></li>
              <li><a href="/problems" aria-current={current('/problems')}>Problems</a></li>
              <li><NotificationBell /></li>
              <li class="who" title={account.email}>{account.displayName}</li>
              <li><button type="button" class="link-button" onClick={logOut}>Log out</button></li>
            </ul>
          ) : account === null && (
            <ul>
              <li><a href="/login" aria-current={current('/login')}>Log in</a></li>
              <li><a href="/signup" aria-current={current('/signup')}>Sign up</a></li>
            </ul>
          )}
        </nav>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
