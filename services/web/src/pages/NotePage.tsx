import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { groups, sharedNotes, type Note } from '../api/api';
import { useAuth } from '../auth';
import { Comments } from '../components/Comments';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RenderedHtml } from '../components/RenderedHtml';
import { RequireLogin } from '../components/RequireLogin';
import { TagList } from '../components/TagList';
import { usePaged } from '../components/usePaged';
import { useLoad } from '../components/useLoad';
import { canOrganize } from '../roles';
import { formatDateTime } from '../time';

function Revisions({ note, zone }: { note: Note; zone: string }) {
  const { items, error, more } = usePaged((cursor) => sharedNotes.revisions(note.id!, cursor), [note.id, note.revision]);
  return (
    <>
      {error && <ErrorMessage message={error} />}
      {!items && !error && <Loading what="revisions" />}
      {items && (
        <ol class="revisions" reversed>
          {items.map((revision) => (
            <li key={revision.number}>
              Revision {revision.number}: “{revision.title}” by {revision.author?.displayName || 'someone'},{' '}
              {formatDateTime(revision.createdAt!, zone)}
            </li>
          ))}
        </ol>
      )}
      {more && <button type="button" class="secondary" onClick={more}>Show older revisions</button>}
    </>
  );
}

function NoteView({ noteId }: { noteId: string }) {
  const { account } = useAuth();
  const { data: note, error } = useLoad(() => sharedNotes.get(noteId), [noteId]);
  const { data: group } = useLoad(async () => (note ? groups.get(note.groupId!) : undefined), [note?.groupId]);
  const [showRevisions, setShowRevisions] = useState(false);
  if (error) return <Page title="Note"><ErrorMessage message={error} /></Page>;
  if (!note) return <Loading what="the note" />;
  const zone = account!.timeZone ?? 'UTC';
  const canEdit = note.author?.id === account!.id || Boolean(group && canOrganize(group));
  return (
    <Page title={note.title!} actions={canEdit && <a class="button secondary" href={`/notes/${note.id}/edit`}>Edit</a>}>
      <p class="meta">
        {group && <>In <a href={`/groups/${group.id}`}>{group.name}</a> · </>}
        by {note.author?.displayName || 'someone'} · revision {note.revision}, {formatDateTime(note.updatedAt!, zone)}
      </p>
      <TagList tags={note.tags ?? []} />
      <article class="card">
        <RenderedHtml html={note.html ?? ''} />
      </article>
      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">Revisions</h2>
        <button type="button" class="secondary" aria-expanded={showRevisions} onClick={() => setShowRevisions(!showRevisions)}>
          {showRevisions ? 'Hide revisions' : `Show revisions (${note.revision})`}
        </button>
        {showRevisions && <Revisions note={note} zone={zone} />}
      </section>
      <h2>Comments</h2>
      <Comments target="notes" id={note.id!} groupId={note.groupId!} about="the note" />
    </Page>
  );
}

export default function NotePage() {
  const { params } = useRoute();
  return <RequireLogin><NoteView noteId={params.noteId} /></RequireLogin>;
}
