import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useAuth } from '../auth';
import { Page } from '../components/page';

export default function HomePage() {
  const { account } = useAuth();
  const { route } = useLocation();
  useEffect(() => {
    if (account) route('/agenda', true);
  }, [account]);
  return (
    <Page title="Code together">
      <p class="lead">Nexus is for coding study groups: find a group, schedule sessions, and hear about what happens in your groups as it happens.</p>
      <p class="actions">
        <a class="button" href="/signup">Sign up</a>
        <a class="button secondary" href="/login">Log in</a>
      </p>
    </Page>
  );
}
