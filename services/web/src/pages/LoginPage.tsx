import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { auth } from '../api/api';
import { useAuth } from '../auth';
import { FormError, TextField, useSubmit } from '../components/forms';
import { Page } from '../components/page';
import { safeNext } from '../next';

export default function LoginPage() {
  const { query, route } = useLocation();
  const { signedIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    signedIn(await auth.login({ email, password }));
    route(safeNext(query.next, '/agenda'));
  });
  const signupHref = query.next ? `/signup?next=${encodeURIComponent(query.next)}` : '/signup';
  return (
    <Page title="Log in">
      {query.ended && <p class="notice" role="status">Your session has ended: it expired or was used elsewhere. Log in again.</p>}
      {query.loggedOut && <p class="notice" role="status">You are logged out.</p>}
      <form class="card form" onSubmit={submit} noValidate>
        <TextField id="email" label="E-mail" type="email" autocomplete="email" required value={email}
          error={fieldError('email')} onInput={(e) => setEmail(e.currentTarget.value)} />
        <TextField id="password" label="Password" type="password" autocomplete="current-password" required value={password}
          error={fieldError('password')} onInput={(e) => setPassword(e.currentTarget.value)} />
        <FormError message={formMessage(['email', 'password'])} />
        <button type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
      <p>New to Nexus? <a href={signupHref}>Create an account</a></p>
    </Page>
  );
}
