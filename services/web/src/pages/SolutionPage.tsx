import { useEffect } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { problems } from '../api/api';
import { ErrorMessage, Loading, Page } from '../components/page';
import { RequireLogin } from '../components/RequireLogin';
import { useLoad } from '../components/useLoad';

/** A solution's address (notifications link to it): its problem's page, at the solution. */
function ToProblem({ solutionId }: { solutionId: string }) {
  const { route } = useLocation();
  const { data: solution, error } = useLoad(() => problems.solution(solutionId), [solutionId]);
  useEffect(() => {
    if (solution) route(`/problems/${solution.problemId}#solution-${solution.id}`, true);
  }, [solution]);
  if (error) return <Page title="Solution"><ErrorMessage message={error} /></Page>;
  return <Loading what="the solution" />;
}

export default function SolutionPage() {
  const { params } = useRoute();
  return <RequireLogin><ToProblem solutionId={params.solutionId} /></RequireLogin>;
}
