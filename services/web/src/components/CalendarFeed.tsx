import { useState } from 'preact/hooks';
import { agenda } from '../api/api';
import { messageOf } from '../api/problem';
import { ErrorMessage } from './page';

/** "Copy my calendar feed URL": a private address calendar apps subscribe to (RFC 5545). */
export function CalendarFeed() {
  const [url, setUrl] = useState<string>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const copy = async () => {
    setError(undefined);
    setStatus('');
    try {
      // Each call makes a new address and ends the previous one; the API never shows a token twice.
      const feed = await agenda.newCalendarFeed();
      const address = new URL(feed.url!, location.origin).href;
      setUrl(address);
      await navigator.clipboard.writeText(address).then(
        () => setStatus('Feed URL copied. Paste it into your calendar app as a subscription.'),
        () => setStatus('Copying is not allowed here: select the URL and copy it yourself.'),
      );
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <section aria-labelledby="feed-heading">
      <h2 id="feed-heading">Calendar feed</h2>
      <p>Subscribe to your sessions in any calendar app. Anyone with the URL can read your agenda; copying a
        new one stops the previous URL from working.</p>
      <button type="button" class="secondary" onClick={copy}>Copy my calendar feed URL</button>
      {error && <ErrorMessage message={error} />}
      {url && (
        <div class="field">
          <label for="feed-url">Your calendar feed URL</label>
          <input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <p role="status" class="hint">{status}</p>
    </section>
  );
}
