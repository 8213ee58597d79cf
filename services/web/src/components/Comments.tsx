import { useState } from 'preact/hooks';
import { comments, groups, type Comment } from '../api/api';
import { useAuth } from '../auth';
import { formatDateTime } from '../time';
import { FormError, useSubmit } from './forms';
import { MentionTextArea } from './MentionTextArea';
import { ErrorMessage, Loading } from './page';
import { RenderedHtml } from './RenderedHtml';
import { useLoad } from './useLoad';

interface Props {
  target: 'notes' | 'solutions';
  id: string;
  groupId: string;
  /** What the comments are on, for headings and labels: `the note`, `Ada’s solution`. */
  about: string;
}

function CommentItem({ comment, zone }: { comment: Comment; zone: string }) {
  return (
    <li class="comment">
      <p class="meta"><strong>{comment.author?.displayName || 'Someone'}</strong> · {formatDateTime(comment.createdAt!, zone)}</p>
      {comment.withheld
        ? <p class="hint">Hidden until you post your own solution or reveal the solutions.</p>
        : <RenderedHtml html={comment.html ?? ''} />}
    </li>
  );
}

/** The comments on a note or a solution, and a box to add one with `@mention` suggestions. */
export function Comments({ target, id, groupId, about }: Props) {
  const { account } = useAuth();
  const { data, error, reload } = useLoad(() => comments.list(target, id), [target, id]);
  const { data: members } = useLoad(() => groups.members(groupId), [groupId]);
  const [body, setBody] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    await comments.add(target, id, body);
    setBody('');
    reload();
  });
  const names = (members?.items ?? []).map((member) => member.displayName).filter((name): name is string => Boolean(name));
  const fieldId = `comment-${id}`;
  return (
    <section class="comments" aria-label={`Comments on ${about}`}>
      {error && <ErrorMessage message={error} />}
      {!data && !error && <Loading what="comments" />}
      {data?.items?.length === 0 && <p class="empty">No comments yet.</p>}
      {data && (data.items ?? []).length > 0 && (
        <ul class="comment-list">
          {data.items!.map((comment) => <CommentItem key={comment.id} comment={comment} zone={account!.timeZone ?? 'UTC'} />)}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <MentionTextArea id={fieldId} label={`Comment on ${about}`} value={body} onInput={setBody} names={names}
          error={fieldError('body')} />
        <FormError message={formMessage(['body'])} />
        <button type="submit" class="secondary" disabled={busy}>{busy ? 'Posting…' : 'Post comment'}</button>
      </form>
    </section>
  );
}
