import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { problems } from '../api/api';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { usePaged } from '../components/usePaged';
import { formatDateTime } from '../time';

function ProblemList() {
  const { account } = useAuth();
  const { query, route } = useLocation();
  const [draft, setDraft] = useState(query.q ?? '');
  const { items, error, more } = usePaged((cursor) => problems.list({ q: query.q, cursor }), [query.q]);
  const zone = account!.timeZone ?? 'UTC';
  return (
    <>
      <form role="search" class="search" onSubmit={(e) => {
        e.preventDefault();
        route(draft.trim() ? `/problems?q=${encodeURIComponent(draft.trim())}` : '/problems');
      }}>
        <label for="problem-search">Search problems</label>
        <div class="row">
          <input id="problem-search" type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="problems" />}
      {items?.length === 0 && (
        <p class="empty">{query.q ? 'No problem matches.' : 'No problems in your groups yet.'} <a href="/problems/new">Pose one</a>.</p>
      )}
      {items && items.length > 0 && (
        <ul class="cards" aria-label="Problems">
          {items.map((problem) => (
            <li key={problem.id} class="card">
              <h2><a href={`/problems/${problem.id}`}>{problem.title}</a></h2>
              <p class="excerpt">{problem.excerpt}</p>
              <p class="meta">
                {problem.author?.displayName || 'Someone'} · {formatDateTime(problem.createdAt!, zone)}
                {problem.acceptedSolutionId && <span class="tag">Answered</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>Show more problems</button>}
    </>
  );
}

export default function ProblemsPage() {
  return (
    <RequireLogin>
      <Page title="Problems" actions={<a class="button" href="/problems/new">Pose a problem</a>}>
        <ProblemList />
      </Page>
    </RequireLogin>
  );
}
