import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { groups, webhooks, type Webhook, type WebhookFormat } from '../api/api';
import { messageOf } from '../api/problem';
import { useAuth } from '../auth';
import { FormError, TextField, useSubmit } from '../components/forms';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { usePaged } from '../components/usePaged';
import { formatDateTime } from '../time';
import { formatLabel, kindLabel, newWebhookBody, toggleKind, webhookFormats, webhookKinds, webhookState } from '../webhooks';

const fields = ['url', 'format', 'kinds'];

/** A signing secret just made (registered or rotated), shown in its webhook's entry until the page is left. */
interface Revealed {
  webhookId: string;
  secret: string;
  rotated: boolean;
}

/**
 * The secret of a CLOUDEVENTS webhook, which the API shows only in this one answer: focused on
 * arrival (selected, ready to copy), with how a receiver checks a post with it.
 */
function SecretOnce({ webhook, revealed }: { webhook: Webhook; revealed: Revealed }) {
  const id = `secret-${webhook.id}`;
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    setStatus('');
    input.current?.focus();
  }, [revealed]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(revealed.secret);
      setStatus('Secret copied.');
    } catch {
      setStatus('Copying is not allowed here: select the secret and copy it yourself.');
    }
  };
  return (
    <div class="notice secret-once">
      <div class="field">
        <label for={id}>{revealed.rotated ? 'New signing secret' : 'Signing secret'}</label>
        <p id={`${id}-once`} class="secret-warning">
          Copy it now: it will not be shown again. Your endpoint needs it to check that a post comes from Nexus.
          {revealed.rotated && ' For one day the previous secret signs each post too, so switch your endpoint to this one within a day.'}
        </p>
        <div class="row">
          <input id={id} ref={input} readOnly value={revealed.secret} aria-describedby={`${id}-once`}
            class="secret" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" onClick={copy}>Copy secret</button>
        </div>
        <p role="status" class="hint">{status}</p>
      </div>
      <p class="hint">
        How your endpoint checks a post: the key is what follows <code>whsec_</code>, base64-decoded. Compute{' '}
        <code>base64(HMAC-SHA256(key, webhook-id + "." + webhook-timestamp + "." + body))</code> from the{' '}
        <code>webhook-id</code> and <code>webhook-timestamp</code> headers and the body exactly as received;
        the post is genuine if <code>webhook-signature</code> holds <code>v1,</code> followed by that value and
        its timestamp is within five minutes of now. The Standard Webhooks libraries do this for you.
      </p>
    </div>
  );
}

interface WebhookEntryProps {
  webhook: Webhook;
  zone: string;
  revealed?: Revealed;
  onRotated(revealed: Revealed): void;
  onDeleted(): void;
}

function WebhookEntry({ webhook, zone, revealed, onRotated, onDeleted }: WebhookEntryProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // "Delete" gives way to the question: keyboard focus goes with it.
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    setBusy(true);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const rotate = () => act(async () => {
    const rotated = await webhooks.rotateSecret(webhook.id!);
    onRotated({ webhookId: webhook.id!, secret: rotated.secret!, rotated: true });
  });
  const remove = () => act(async () => {
    await webhooks.remove(webhook.id!);
    onDeleted();
  });
  const state = webhookState(webhook);
  const url = <span class="visually-hidden"> {webhook.url}</span>;
  return (
    <li class={`card webhook${webhook.disabled ? ' disabled' : ''}`}>
      <h3 class="webhook-url">{webhook.url}</h3>
      <dl class="facts">
        <dt>Format</dt>
        <dd>{formatLabel(webhook.format)}</dd>
        <dt>News</dt>
        <dd>{(webhook.kinds ?? []).map(kindLabel).join(', ')}</dd>
        <dt>Registered</dt>
        <dd>{formatDateTime(webhook.createdAt!, zone)}</dd>
        <dt>State</dt>
        <dd>
          <span class={state.problem ? 'problem-text' : undefined}>{state.label}</span>
          {webhook.disabled && <span class="hint"> · Nothing is posted to it any more: delete it and register it again once it works.</span>}
        </dd>
      </dl>
      {confirming ? (
        <p class="row">
          <span>Posts to it stop at once.</span>
          <button ref={confirmButton} type="button" class="danger" disabled={busy} onClick={remove}>Yes, delete{url}</button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>Keep it</button>
        </p>
      ) : (
        <p class="row">
          {webhook.format === 'CLOUDEVENTS' && (
            <button type="button" class="secondary" disabled={busy} onClick={rotate}>Rotate secret{url}</button>
          )}
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>Delete{url}</button>
        </p>
      )}
      {error && <ErrorMessage message={error} />}
      {revealed && <SecretOnce webhook={webhook} revealed={revealed} />}
    </li>
  );
}

function RegisterForm({ groupId, onRegistered }: { groupId: string; onRegistered(webhook: Webhook): void }) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('CHAT');
  const [kinds, setKinds] = useState(webhookKinds.map(({ kind }) => kind));
  const [done, setDone] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    setDone('');
    const webhook = await webhooks.create(newWebhookBody(groupId, { url, format, kinds }));
    setUrl('');
    setDone(webhook.secret ? 'Registered: copy its signing secret above.' : 'Registered: the news you chose is posted there from now on.');
    onRegistered(webhook);
  });
  const kindsError = fieldError('kinds');
  const formatError = fieldError('format');
  return (
    <form class="card form" onSubmit={submit} noValidate>
      <fieldset aria-describedby={formatError ? 'format-error' : undefined}>
        <legend>Where it posts</legend>
        {webhookFormats.map((option) => (
          <div key={option.format} class="choice">
            <label class="check">
              <input type="radio" name="format" value={option.format} checked={format === option.format}
                aria-describedby={`format-${option.format}-hint`} onChange={() => setFormat(option.format)} />
              {option.label}
            </label>
            <p id={`format-${option.format}-hint`} class="hint">{option.description}</p>
          </div>
        ))}
        {formatError && <p id="format-error" class="field-error">{formatError}</p>}
      </fieldset>
      <TextField id="url" label="URL" type="url" inputMode="url" required value={url} error={fieldError('url')}
        hint={format === 'CHAT'
          ? 'From the channel’s settings: Integrations → Webhooks in Discord, Incoming Webhooks in Slack.'
          : 'An https address on the public internet, such as https://example.org/hooks/nexus.'}
        onInput={(e) => setUrl(e.currentTarget.value)} />
      <fieldset aria-describedby={kindsError ? 'kinds-hint kinds-error' : 'kinds-hint'}>
        <legend>News it receives</legend>
        <p id="kinds-hint" class="hint">At least one.</p>
        {webhookKinds.map(({ kind, label }) => (
          <label key={kind} class="check">
            <input type="checkbox" name="kinds" value={kind} checked={kinds.includes(kind)}
              aria-invalid={kindsError ? true : undefined}
              onChange={(e) => setKinds(toggleKind(kinds, kind, e.currentTarget.checked))} />
            {label}
          </label>
        ))}
        {kindsError && <p id="kinds-error" class="field-error">{kindsError}</p>}
      </fieldset>
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Registering…' : 'Register webhook'}</button>
      <p role="status">{done}</p>
    </form>
  );
}

function GroupWebhooks({ groupId }: { groupId: string }) {
  const { account } = useAuth();
  // the group's name only; whether the caller may see its webhooks is the webhook API's answer
  const { data: group } = useLoad(() => groups.get(groupId), [groupId]);
  const { items, error, more } = usePaged((cursor) => webhooks.list(groupId, cursor), [groupId]);
  // registered here (the list is oldest first: they belong at its end) and deleted here
  const [added, setAdded] = useState<Webhook[]>([]);
  const [deleted, setDeleted] = useState<Set<string>>(new Set());
  const [revealed, setRevealed] = useState<Revealed>();
  const [status, setStatus] = useState('');
  const listHeading = useRef<HTMLHeadingElement>(null);
  const zone = account!.timeZone ?? 'UTC';

  const intro = group
    ? <p>Post the news of <a href={`/groups/${groupId}`}>{group.name}</a> as it happens to a chat channel or to an endpoint of your own.</p>
    : <p><a href={`/groups/${groupId}`}>Back to the group</a></p>;
  if (error) return <Page title="Webhooks">{intro}<ErrorMessage message={error} /></Page>;
  if (!items) return <Page title="Webhooks">{intro}<Loading what="the webhooks" /></Page>;

  const loaded = new Set(items.map((webhook) => webhook.id));
  const shown = [...items, ...added.filter((webhook) => !loaded.has(webhook.id))]
    .filter((webhook) => !deleted.has(webhook.id!));
  const registered = (webhook: Webhook) => {
    setStatus('');
    setAdded((list) => [...list, webhook]);
    setRevealed(webhook.secret ? { webhookId: webhook.id!, secret: webhook.secret, rotated: false } : undefined);
  };
  const removed = (webhook: Webhook) => {
    setDeleted((ids) => new Set(ids).add(webhook.id!));
    setStatus(`The webhook to ${webhook.url} is deleted.`);
    // its entry, with the focused button, is gone: the list's heading takes the focus
    listHeading.current?.focus();
  };
  return (
    <Page title="Webhooks">
      {intro}
      <section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" ref={listHeading} tabIndex={-1}>Registered webhooks</h2>
        <p role="status" class="hint">{status}</p>
        {shown.length === 0 && <p class="empty">No webhooks yet.</p>}
        {shown.length > 0 && (
          <ul class="cards" aria-labelledby="webhooks-heading">
            {shown.map((webhook) => (
              <WebhookEntry key={webhook.id} webhook={webhook} zone={zone}
                revealed={revealed?.webhookId === webhook.id ? revealed : undefined}
                onRotated={(secret) => { setStatus(''); setRevealed(secret); }}
                onDeleted={() => removed(webhook)} />
            ))}
          </ul>
        )}
        {more && <button type="button" class="secondary" onClick={more}>Show more webhooks</button>}
      </section>
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">Register a webhook</h2>
        <RegisterForm groupId={groupId} onRegistered={registered} />
      </section>
    </Page>
  );
}

export default function WebhooksPage() {
  const { params } = useRoute();
  return <RequireLogin><GroupWebhooks groupId={params.groupId} /></RequireLogin>;
}
