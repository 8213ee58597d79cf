package dev.nexus.notifications.rule;

import dev.nexus.contracts.CloudEvent;
import dev.nexus.contracts.EventPayload;
import dev.nexus.contracts.EventType;
import dev.nexus.contracts.Events.CommentAdded;
import dev.nexus.contracts.Events.NotePosted;
import dev.nexus.contracts.Events.ProblemPosted;
import dev.nexus.contracts.Events.SolutionAccepted;
import dev.nexus.contracts.Events.SolutionPosted;
import dev.nexus.notifications.delivery.Delivery;
import dev.nexus.notifications.delivery.Drafts;
import dev.nexus.notifications.email.Emails;
import dev.nexus.notifications.model.Draft;
import dev.nexus.notifications.model.Kind;
import dev.nexus.notifications.projection.Contents;
import dev.nexus.notifications.projection.Contents.ContentInfo;
import dev.nexus.notifications.projection.Contents.Type;
import dev.nexus.notifications.projection.Groups;
import dev.nexus.notifications.recipient.Person;
import dev.nexus.notifications.webhook.Webhooks;
import dev.nexus.platform.events.EventHandler;
import dev.nexus.platform.events.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Events of notes, problems, solutions and comments (DESIGN §7). Each first records the authorship
 * the rules read, then tells: a note the group's members and its webhooks; a solution the problem's
 * author and everyone who solved it before (never the solution's text); an accepted solution its
 * author; a comment the author of what it is on and those it mentions. Never the one who acted.
 */
@ApplicationScoped
public class ContentEvents implements EventHandler {

    private final Contents contents;
    private final Groups groups;
    private final Webhooks webhooks;
    private final Audience audience;
    private final Delivery delivery;
    private final Emails emails;

    public ContentEvents(Contents contents, Groups groups, Webhooks webhooks, Audience audience, Delivery delivery,
            Emails emails) {
        this.contents = contents;
        this.groups = groups;
        this.webhooks = webhooks;
        this.audience = audience;
        this.delivery = delivery;
        this.emails = emails;
    }

    @Override
    public Set<EventType> types() {
        return Set.of(EventType.NOTE_POSTED, EventType.PROBLEM_POSTED, EventType.SOLUTION_POSTED,
                EventType.SOLUTION_ACCEPTED, EventType.COMMENT_ADDED);
    }

    @Override
    public Uni<AfterCommit> handle(CloudEvent<? extends EventPayload> event) {
        EventPayload data = event.data();
        Uni<Drafts> drafts;
        if (data instanceof NotePosted n) {
            drafts = notePosted(event, n);
        } else if (data instanceof ProblemPosted p) {
            drafts = contents.posted(new ContentInfo(p.problemId(), Type.PROBLEM, p.groupId(), p.authorId(), null,
                    p.title()), p.sessionId(), event.id(), event.time()).replaceWith(Drafts.NONE);
        } else if (data instanceof SolutionPosted s) {
            drafts = solutionPosted(event, s);
        } else if (data instanceof SolutionAccepted s) {
            drafts = solutionAccepted(s);
        } else {
            drafts = commentAdded((CommentAdded) data);
        }
        return drafts.chain(d -> delivery.store(event.id(), d));
    }

    /** Every member but the author; the group locked first, as for a session's scheduling (GroupEvents). */
    private Uni<Drafts> notePosted(CloudEvent<?> event, NotePosted n) {
        ContentInfo note = new ContentInfo(n.noteId(), Type.NOTE, n.groupId(), n.authorId(), null, n.title());
        return contents.posted(note, n.sessionId(), event.id(), event.time())
                .chain(() -> groups.lock(n.groupId()))
                .chain(() -> audience.members(n.groupId()))
                .chain(members -> audience.person(n.authorId())
                        .call(author -> webhooks.announce(event, n.groupId(), Kind.NOTE_POSTED, author.name()
                                + " posted the note \"" + n.title() + "\" " + emails.link(path(note))))
                        .chain(author -> audience.drafts(members, n.authorId(), p -> toldOfNote(p, author, note))));
    }

    /** What a member is told of a new note. */
    static Draft toldOfNote(Person p, Person author, ContentInfo note) {
        return new Draft(p.id(), Kind.NOTE_POSTED, note.groupId(), "New note: " + note.title(),
                author.name() + " posted the note \"" + note.title() + "\".", path(note));
    }

    private static String path(ContentInfo note) {
        return "/api/v1/notes/" + note.id();
    }

    /** The problem's author and everyone who solved it before; never the solution's text. */
    private Uni<Drafts> solutionPosted(CloudEvent<?> event, SolutionPosted s) {
        return knownProblem(s.problemId()).chain(problem -> contents.solvers(s.problemId())
                .chain(solvers -> contents.posted(new ContentInfo(s.solutionId(), Type.SOLUTION, s.groupId(),
                                s.authorId(), s.problemId(), ""), null, event.id(), event.time())
                        .chain(() -> audience.person(s.authorId()))
                        .chain(author -> {
                            Set<UUID> recipients = new LinkedHashSet<>(solvers);
                            recipients.add(problem.authorId());
                            String title = "\"" + problem.title() + "\"";
                            return audience.drafts(recipients, s.authorId(), p -> new Draft(p.id(), Kind.SOLUTION_POSTED,
                                    s.groupId(), "New solution to " + title,
                                    author.name() + " posted a solution to " + title + ".",
                                    "/api/v1/problems/" + s.problemId() + "/solutions"));
                        })));
    }

    private Uni<Drafts> solutionAccepted(SolutionAccepted s) {
        return knownProblem(s.problemId()).chain(problem -> {
            String title = "\"" + problem.title() + "\"";
            // events from before acceptedBy existed: assume the problem's author accepted
            UUID acceptedBy = s.acceptedBy() != null ? s.acceptedBy() : problem.authorId();
            return audience.drafts(List.of(s.authorId()), acceptedBy, p -> new Draft(p.id(), Kind.SOLUTION_ACCEPTED,
                    s.groupId(), "Your solution was accepted",
                    "Your solution to " + title + " was accepted.", "/api/v1/solutions/" + s.solutionId()));
        });
    }

    /** The author of what the comment is on, and those it mentions. */
    private Uni<Drafts> commentAdded(CommentAdded c) {
        boolean onNote = c.targetType().equals("NOTE");
        String target = onNote ? "note" : "solution";
        String link = (onNote ? "/api/v1/notes/" : "/api/v1/solutions/") + c.targetId();
        Set<UUID> recipients = new LinkedHashSet<>();
        if (c.targetAuthorId() != null) {
            recipients.add(c.targetAuthorId());
        }
        recipients.addAll(c.mentionedUserIds() == null ? List.of() : c.mentionedUserIds());
        return audience.person(c.authorId()).chain(author -> audience.drafts(recipients, c.authorId(),
                p -> p.id().equals(c.targetAuthorId())
                        ? new Draft(p.id(), Kind.COMMENT_ADDED, c.groupId(), author.name() + " commented on your " + target,
                                author.name() + " commented on your " + target + ".", link)
                        : new Draft(p.id(), Kind.COMMENT_ADDED, c.groupId(), author.name() + " mentioned you",
                                author.name() + " mentioned you in a comment on a " + target + ".", link)));
    }

    /**
     * The problem a solution event is about. Unknown here means its posting has not been handled yet:
     * the inbox tries the event again later.
     */
    private Uni<ContentInfo> knownProblem(UUID problemId) {
        return contents.find(problemId).onItem().ifNull()
                .failWith(() -> new Inbox.NotYet("problem " + problemId + " is not known here yet"));
    }
}
