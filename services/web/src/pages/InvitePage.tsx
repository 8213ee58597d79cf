import { useLocation, useRoute } from 'preact-iso';
import { groups } from '../api/api';
import { useAuth } from '../auth';
import { FormError, useSubmit } from '../components/forms';
import { Page } from '../components/page';

export default function InvitePage() {
  const { params } = useRoute();
  const { route, url } = useLocation();
  const { account } = useAuth();
  const { submit, busy, formMessage } = useSubmit(async () => {
    await groups.join(params.groupId, params.code);
    route(`/groups/${params.groupId}`);
  });
  const next = encodeURIComponent(url);
  return (
    <Page title="You are invited to a group">
      {account === null && (
        <>
          <p>Someone invited you to join their study group on Nexus. Log in or create an account to accept.</p>
          <p class="actions">
            <a class="button" href={`/signup?next=${next}`}>Sign up</a>
            <a class="button secondary" href={`/login?next=${next}`}>Log in</a>
          </p>
        </>
      )}
      {account && (
        <form class="card form" onSubmit={submit}>
          <p>Someone invited you, {account.displayName}, to join their study group.</p>
          <FormError message={formMessage([])} />
          <button type="submit" disabled={busy}>{busy ? 'Joining…' : 'Join the group'}</button>
        </form>
      )}
    </Page>
  );
}
