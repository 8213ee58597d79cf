import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { groups, sharedNotes, type Group, type Note } from '../api/api';
import { FormError, TextField, useSubmit } from '../components/forms';
import { GroupSelect } from '../components/GroupSelect';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';
import { parseTags } from '../tags';

const fields = ['groupId', 'title', 'body', 'tags'];

/** Writes a new note (in one of `myGroups`) or edits `note`. */
function NoteForm({ note, myGroups, groupId: preset }: { note?: Note; myGroups: Group[]; groupId?: string }) {
  const { route } = useLocation();
  const [groupId, setGroupId] = useState(preset ?? myGroups[0]?.id ?? '');
  const [title, setTitle] = useState(note?.title ?? '');
  const [tags, setTags] = useState((note?.tags ?? []).join(', '));
  const [body, setBody] = useState(note?.body ?? '');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    const saved = note
      ? await sharedNotes.update(note, { title, body, tags: parseTags(tags) })
      : await sharedNotes.create({ groupId, title, body, tags: parseTags(tags) });
    route(`/notes/${saved.id}`);
  });
  return (
    <form class="card form wide" onSubmit={submit} noValidate>
      {!note && <GroupSelect myGroups={myGroups} value={groupId} onChange={setGroupId} error={fieldError('groupId')} />}
      <TextField id="title" label="Title" required value={title} error={fieldError('title')}
        onInput={(e) => setTitle(e.currentTarget.value)} />
      <TextField id="tags" label="Tags (optional)" hint="Up to 10, separated by commas: arrays, binary-search"
        value={tags} error={fieldError('tags')} onInput={(e) => setTags(e.currentTarget.value)} />
      <MarkdownEditor id="body" label="Note" value={body} onInput={setBody} error={fieldError('body')} rows={14} />
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : note ? 'Save changes' : 'Post note'}</button>
    </form>
  );
}

function NewNote() {
  const { query } = useLocation();
  const { data: myGroups, error } = useLoad(() => groups.mine(), []);
  if (error) return <ErrorMessage message={error} />;
  if (!myGroups) return <Loading what="your groups" />;
  if (myGroups.length === 0) return <p class="empty">Notes belong to a group. <a href="/groups">Join or create a group</a> first.</p>;
  return <NoteForm myGroups={myGroups} groupId={query.groupId} />;
}

function EditNote({ noteId }: { noteId: string }) {
  const { data: note, error } = useLoad(() => sharedNotes.get(noteId), [noteId]);
  if (error) return <ErrorMessage message={error} />;
  if (!note) return <Loading what="the note" />;
  return <NoteForm note={note} myGroups={[]} />;
}

export default function NoteEditorPage() {
  const { params } = useRoute();
  return (
    <RequireLogin>
      <Page title={params.noteId ? 'Edit the note' : 'Write a note'}>
        {params.noteId ? <EditNote noteId={params.noteId} /> : <NewNote />}
      </Page>
    </RequireLogin>
  );
}
