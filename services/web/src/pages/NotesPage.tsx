import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { sharedNotes, type NoteSummary } from '../api/api';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { TagList } from '../components/TagList';
import { usePaged } from '../components/usePaged';
import { formatDateTime } from '../time';

function NoteCard({ note, zone }: { note: NoteSummary; zone: string }) {
  return (
    <li class="card">
      <h2><a href={`/notes/${note.id}`}>{note.title}</a></h2>
      <p class="excerpt">{note.excerpt}</p>
      <TagList tags={note.tags ?? []} />
      <p class="meta">{note.author?.displayName || 'Someone'} · {formatDateTime(note.updatedAt!, zone)}</p>
    </li>
  );
}

function NoteList() {
  const { account } = useAuth();
  const { query, route } = useLocation();
  const [draft, setDraft] = useState(query.q ?? '');
  const { items, error, more } = usePaged((cursor) => sharedNotes.list({ q: query.q, tag: query.tag, cursor }), [query.q, query.tag]);
  const search = (event: Event) => {
    event.preventDefault();
    const params = new URLSearchParams({ ...(draft.trim() && { q: draft.trim() }), ...(query.tag && { tag: query.tag }) });
    route(`/notes${params.size ? `?${params}` : ''}`);
  };
  return (
    <>
      <form role="search" class="search" onSubmit={search}>
        <label for="note-search">Search notes</label>
        <div class="row">
          <input id="note-search" type="search" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      {query.tag && <p>Tagged <strong>{query.tag}</strong> · <a href="/notes">All notes</a></p>}
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="notes" />}
      {items?.length === 0 && (
        <p class="empty">{query.q || query.tag ? 'No note matches.' : 'No notes in your groups yet.'} <a href="/notes/new">Write one</a>.</p>
      )}
      {items && items.length > 0 && (
        <ul class="cards" aria-label="Notes">
          {items.map((note) => <NoteCard key={note.id} note={note} zone={account!.timeZone ?? 'UTC'} />)}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>Show more notes</button>}
    </>
  );
}

export default function NotesPage() {
  return (
    <RequireLogin>
      <Page title="Notes" actions={<a class="button" href="/notes/new">Write a note</a>}>
        <NoteList />
      </Page>
    </RequireLogin>
  );
}
