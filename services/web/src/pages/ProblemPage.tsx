import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { groups, problems, type CodingProblem, type Solution } from '../api/api';
import { messageOf } from '../api/problem';
import { useAuth } from '../auth';
import { Comments } from '../components/Comments';
import { FormError, TextField, useSubmit } from '../components/forms';
import { MarkdownEditor } from '../components/MarkdownEditor';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RenderedHtml } from '../components/RenderedHtml';
import { RequireLogin } from '../components/RequireLogin';
import { usePaged } from '../components/usePaged';
import { useLoad } from '../components/useLoad';
import { canOrganize } from '../roles';
import { formatDateTime } from '../time';

/** Why other members' solutions are hidden, and the two ways to see them. */
function SpoilerGuard({ problem, onRevealed }: { problem: CodingProblem; onRevealed(): void }) {
  const [error, setError] = useState<string>();
  const reveal = async () => {
    setError(undefined);
    try {
      await problems.reveal(problem.id!);
      onRevealed();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  return (
    <div class="notice spoiler-guard" role="note" aria-label="Solutions are hidden">
      <p><strong>Other members’ solutions are hidden</strong> so that they do not spoil the problem for you: try it
        yourself first. They show as soon as you post your own solution.</p>
      <p>Stuck, or only here to learn? You can reveal them now; this cannot be undone for this problem.</p>
      <button type="button" class="secondary" onClick={reveal}>Reveal the solutions</button>
      {error && <ErrorMessage message={error} />}
    </div>
  );
}

interface SolutionProps {
  solution: Solution;
  mine: boolean;
  canAccept: boolean;
  onChanged(): void;
}

function SolutionCard({ solution, mine, canAccept, onChanged }: SolutionProps) {
  const [votes, setVotes] = useState(solution.votes ?? 0);
  const [showComments, setShowComments] = useState(false);
  const [error, setError] = useState<string>();
  const author = solution.author?.displayName || 'Someone';
  const act = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const vote = (value: 0 | 1) => act(async () => setVotes((await problems.vote(solution.id!, value)).votes ?? votes));
  const accept = () => act(async () => {
    await problems.accept(solution.id!);
    onChanged();
  });
  const name = `${author}’s solution`;
  return (
    <li id={`solution-${solution.id}`} class={`card solution ${solution.accepted ? 'accepted' : ''}`} aria-label={name}>
      <h3>{name} <span class="tag">{solution.language}</span>
        {solution.accepted && <span class="tag accepted-tag">Accepted answer</span>}</h3>
      {solution.withheld
        ? <p class="hint">Hidden by the spoiler guard.</p>
        : <RenderedHtml html={solution.html ?? ''} />}
      <div class="row">
        <span aria-live="polite">{votes} {votes === 1 ? 'vote' : 'votes'}</span>
        {!mine && (
          <>
            <button type="button" class="secondary" aria-label={`Vote up ${name}`} onClick={() => vote(1)}>▲ Vote up</button>
            <button type="button" class="secondary" aria-label={`Take back my vote for ${name}`} onClick={() => vote(0)}>▼ Take back my vote</button>
          </>
        )}
        {canAccept && !solution.accepted && (
          <button type="button" aria-label={`Accept ${name}`} onClick={accept}>Accept this answer</button>
        )}
        <button type="button" class="secondary" aria-expanded={showComments} aria-label={`${showComments ? 'Hide comments' : 'Comments'} on ${name}`}
          onClick={() => setShowComments(!showComments)}>
          {showComments ? 'Hide comments' : 'Comments'}
        </button>
      </div>
      {error && <ErrorMessage message={error} />}
      {showComments && <Comments target="solutions" id={solution.id!} groupId={solution.groupId!} about={name} />}
    </li>
  );
}

function PostSolution({ problem, onPosted }: { problem: CodingProblem; onPosted(): void }) {
  const [language, setLanguage] = useState('');
  const [body, setBody] = useState('');
  const { submit, busy, fieldError, formMessage } = useSubmit(async () => {
    await problems.postSolution(problem.id!, { language, body });
    setBody('');
    onPosted();
  });
  return (
    <form class="card form wide" onSubmit={submit} noValidate aria-labelledby="post-solution-heading">
      <h2 id="post-solution-heading">Post a solution</h2>
      <TextField id="language" label="Language" required placeholder="java, python, c++…" value={language}
        error={fieldError('language')} onInput={(e) => setLanguage(e.currentTarget.value)} />
      <MarkdownEditor id="solution-body" label="Solution" value={body} onInput={setBody} error={fieldError('body')} />
      <FormError message={formMessage(['language', 'body'])} />
      <button type="submit" disabled={busy}>{busy ? 'Posting…' : 'Post solution'}</button>
    </form>
  );
}

interface SolutionsProps {
  problem: CodingProblem;
  /** Raised by every change, so that the list is read again. */
  changes: number;
  canAccept: boolean;
  onChanged(): void;
}

function Solutions({ problem, changes, canAccept, onChanged }: SolutionsProps) {
  const { account } = useAuth();
  const solutions = usePaged((cursor) => problems.solutions(problem.id!, cursor), [problem.id, changes]);
  return (
    <section aria-labelledby="solutions-heading">
      <h2 id="solutions-heading">Solutions ({problem.solutionCount ?? 0})</h2>
      {!problem.solutionsVisible && (problem.solutionCount ?? 0) > 0 && <SpoilerGuard problem={problem} onRevealed={onChanged} />}
      {solutions.error && <ErrorMessage message={solutions.error} />}
      {!solutions.items && !solutions.error && <Loading what="solutions" />}
      {solutions.items?.length === 0 && <p class="empty">No solutions yet. Be the first.</p>}
      {solutions.items && solutions.items.length > 0 && (
        <ul class="cards" aria-label="Solutions">
          {solutions.items.map((solution) => (
            <SolutionCard key={`${solution.id}-${changes}`} solution={solution} mine={solution.author?.id === account!.id}
              canAccept={canAccept} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {solutions.more && <button type="button" class="secondary" onClick={solutions.more}>Show more solutions</button>}
    </section>
  );
}

function ProblemView({ problemId }: { problemId: string }) {
  const { account } = useAuth();
  const { data: problem, error, reload } = useLoad(() => problems.get(problemId), [problemId]);
  const { data: group } = useLoad(async () => (problem ? groups.get(problem.groupId!) : undefined), [problem?.groupId]);
  const [changes, setChanges] = useState(0);
  if (error) return <Page title="Problem"><ErrorMessage message={error} /></Page>;
  if (!problem) return <Loading what="the problem" />;
  const changed = () => {
    reload();
    setChanges(changes + 1);
  };
  const canAccept = problem.author?.id === account!.id || Boolean(group && canOrganize(group));
  return (
    <Page title={problem.title!}>
      <p class="meta">
        {group && <>In <a href={`/groups/${group.id}`}>{group.name}</a> · </>}
        posed by {problem.author?.displayName || 'someone'}, {formatDateTime(problem.createdAt!, account!.timeZone ?? 'UTC')}
      </p>
      <article class="card">
        <RenderedHtml html={problem.html ?? ''} />
        {problem.link && <p><a href={problem.link} rel="noopener noreferrer">{problem.link}</a></p>}
      </article>
      {/* The solutions are read once the problem is: read together, notes sometimes answers a member's
          first two reads with a 500 ("Session/EntityManager is closed"). */}
      <Solutions problem={problem} changes={changes} canAccept={canAccept} onChanged={changed} />
      <PostSolution problem={problem} onPosted={changed} />
    </Page>
  );
}

export default function ProblemPage() {
  const { params } = useRoute();
  return <RequireLogin><ProblemView problemId={params.problemId} /></RequireLogin>;
}
