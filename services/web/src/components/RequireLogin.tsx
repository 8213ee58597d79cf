import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useAuth } from '../auth';
import { ErrorMessage, Loading } from './page';

/** Shows its children to a logged-in person; sends anyone else to the login page and back. */
export function RequireLogin({ children }: { children: ComponentChildren }) {
  const { account, problem } = useAuth();
  const { route, url } = useLocation();
  // A logout or an ended session navigates on its own; this page, still shown while the next one
  // loads, must not redirect a second time.
  const [pageUrl] = useState(url);
  useEffect(() => {
    if (account === null && url === pageUrl) route(`/login?next=${encodeURIComponent(url)}`, true);
  }, [account, url]);
  if (account) return <>{children}</>;
  return problem ? <ErrorMessage message={`Your account could not be loaded. ${problem}`} /> : <Loading what="your account" />;
}
