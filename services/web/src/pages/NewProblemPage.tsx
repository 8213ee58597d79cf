import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { groups, problems, type Group } from '../api/api';
import { FormError, TextField, useSubmit } from '../components/forms';
import { GroupSelect } from '../components/GroupSelect';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';

const fields = ['groupId', 'title', 'statement', 'link'];

function ProblemForm({ myGroups }: { myGroups: Group[] }) {
  const { route } = useLocation();
  const [groupId, setGroupId] = useState(myGroups[0].id!);
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');
  const [link, setLink] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    const problem = await problems.create({ groupId, title, statement, link: link || undefined });
    route(`/problems/${problem.id}`);
  });
  return (
    <form class="card form wide" onSubmit={submit} noValidate>
      <GroupSelect myGroups={myGroups} value={groupId} onChange={setGroupId} error={fieldError('groupId')} />
      <TextField id="title" label="Title" required value={title} error={fieldError('title')}
        onInput={(e) => setTitle(e.currentTarget.value)} />
      <MarkdownEditor id="statement" label="Statement" value={statement} onInput={setStatement} error={fieldError('statement')} />
      <TextField id="link" label="Link (optional)" type="url" placeholder="https://" hint="The kata’s page, say."
        value={link} error={fieldError('link')} onInput={(e) => setLink(e.currentTarget.value)} />
      <FormError message={formMessage(fields)} />
      <button type="submit" disabled={busy}>{busy ? 'Posting…' : 'Pose the problem'}</button>
    </form>
  );
}

function NewProblem() {
  const { data: myGroups, error } = useLoad(() => groups.mine(), []);
  if (error) return <ErrorMessage message={error} />;
  if (!myGroups) return <Loading what="your groups" />;
  if (myGroups.length === 0) return <p class="empty">Problems belong to a group. <a href="/groups">Join or create a group</a> first.</p>;
  return <ProblemForm myGroups={myGroups} />;
}

export default function NewProblemPage() {
  return <RequireLogin><Page title="Pose a problem"><NewProblem /></Page></RequireLogin>;
}
