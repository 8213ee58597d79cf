import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { AuthProvider } from './auth';
import { Shell } from './components/Shell';

// One chunk per page: the first load carries only the shell and the page asked for.
const Home = lazy(() => import('./pages/HomePage'));
const Login = lazy(() => import('./pages/LoginPage'));
const Signup = lazy(() => import('./pages/SignupPage'));
const Groups = lazy(() => import('./pages/GroupsPage'));
const NewGroup = lazy(() => import('./pages/NewGroupPage'));
const Group = lazy(() => import('./pages/GroupPage'));
const Invite = lazy(() => import('./pages/InvitePage'));
const NewSession = lazy(() => import('./pages/NewSessionPage'));
const Session = lazy(() => import('./pages/SessionPage'));
const Recap = lazy(() => import('./pages/RecapPage'));
const PairingProfile = lazy(() => import('./pages/PairingProfilePage'));
const NewPoll = lazy(() => import('./pages/NewPollPage'));
const Webhooks = lazy(() => import('./pages/WebhooksPage'));
const Poll = lazy(() => import('./pages/PollPage'));
const Agenda = lazy(() => import('./pages/AgendaPage'));
const Preferences = lazy(() => import('./pages/PreferencesPage'));
const Notes = lazy(() => import('./pages/NotesPage'));
const NoteEditor = lazy(() => import('./pages/NoteEditorPage'));
const Note = lazy(() => import('./pages/NotePage'));
const Problems = lazy(() => import('./pages/ProblemsPage'));
const NewProblem = lazy(() => import('./pages/NewProblemPage'));
const Problem = lazy(() => import('./pages/ProblemPage'));
const Solution = lazy(() => import('./pages/SolutionPage'));
const Notifications = lazy(() => import('./pages/NotificationsPage'));
const NotFound = lazy(() => import('./pages/NotFoundPage'));

export function App() {
  return (
    <LocationProvider>
      <AuthProvider>
        <Shell>
          <ErrorBoundary>
            <Router>
              <Route path="/" component={Home} />
              <Route path="/login" component={Login} />
              <Route path="/signup" component={Signup} />
              <Route path="/groups" component={Groups} />
              <Route path="/groups/new" component={NewGroup} />
              <Route path="/groups/:groupId" component={Group} />
              <Route path="/groups/:groupId/sessions/new" component={NewSession} />
              <Route path="/invite/:groupId/:code" component={Invite} />
              <Route path="/sessions/:sessionId" component={Session} />
              <Route path="/sessions/:sessionId/recap/:start" component={Recap} />
              <Route path="/pairing-profile" component={PairingProfile} />
              <Route path="/groups/:groupId/polls/new" component={NewPoll} />
              <Route path="/groups/:groupId/webhooks" component={Webhooks} />
              <Route path="/polls/:pollId" component={Poll} />
              <Route path="/agenda" component={Agenda} />
              <Route path="/notes" component={Notes} />
              <Route path="/notes/new" component={NoteEditor} />
              <Route path="/notes/:noteId" component={Note} />
              <Route path="/notes/:noteId/edit" component={NoteEditor} />
              <Route path="/problems" component={Problems} />
              <Route path="/problems/new" component={NewProblem} />
              <Route path="/problems/:problemId" component={Problem} />
              <Route path="/solutions/:solutionId" component={Solution} />
              <Route path="/notifications" component={Notifications} />
              <Route path="/notifications/preferences" component={Preferences} />
              <Route default component={NotFound} />
            </Router>
          </ErrorBoundary>
        </Shell>
      </AuthProvider>
    </LocationProvider>
  );
}
