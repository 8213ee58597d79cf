package dev.nexus.notes.note;

import dev.nexus.notes.access.Authors;
import dev.nexus.notes.comment.CommentService.AddComment;
import dev.nexus.notes.comment.CommentService.CommentView;
import dev.nexus.notes.markdown.Markdown;
import dev.nexus.notes.note.NoteViews.CreateNote;
import dev.nexus.notes.note.NoteViews.NoteSummary;
import dev.nexus.notes.note.NoteViews.NoteView;
import dev.nexus.notes.note.NoteViews.RevisionView;
import dev.nexus.notes.note.NoteViews.UpdateNote;
import dev.nexus.platform.http.Params;
import dev.nexus.platform.http.Versions;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/notes")
@Authenticated
@Tag(name = "Notes")
@SecurityRequirement(name = "bearer")
public class NoteResource {

    private static final String EXAMPLE_BODY = "# Binary search\n\nHalve the range until it is empty:\n\n"
            + "```java\nint mid = lo + (hi - lo) / 2;\n```\n\n| n | steps |\n|---|---|\n| 1024 | 10 |\n";
    private static final NoteView EXAMPLE = new NoteView(UUID.fromString("00000000-0000-4000-8000-000000000011"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"), null,
            new Authors.Author(UUID.fromString("00000000-0000-4000-8000-000000000003"), "Ada Lovelace"),
            "Binary search, step by step", EXAMPLE_BODY, new Markdown().html(EXAMPLE_BODY, "body"),
            List.of("arrays", "search"),
            1, Instant.parse("2026-03-17T18:00:00Z"), Instant.parse("2026-03-17T18:00:00Z"), 0);

    private final NoteService notes;
    private final Caller caller;

    public NoteResource(NoteService notes, Caller caller) {
        this.notes = notes;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createNote",
            summary = "Post a note in a group (members only), optionally linked to one of its sessions",
            description = "The body is Markdown (CommonMark + GFM tables, strikethrough, autolinks); the answer"
                    + " also carries it as sanitized HTML. Tags are stored in lower case.")
    @APIResponse(responseCode = "201", description = "Posted; the ETag is the version to send in If-Match",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "404", description = "No such group, or the caller is not a member")
    @APIResponse(responseCode = "413", description = "The request body is over the size limit (512 KiB)")
    public Uni<Response> create(@Valid @NotNull CreateNote request) {
        return notes.create(caller.id(), request).map(view -> Response.created(URI.create("/api/v1/notes/" + view.id()))
                .entity(view).tag(EntityTag.valueOf(Versions.etag(view.version()))).build());
    }

    @GET
    @Path("/example")
    @Operation(operationId = "getExampleNote", summary = "An example note document, always the same",
            description = "Shows client developers every field of a note without posting one."
                    + " It also serves as the baseline of the read benchmark (bench/notes-read.sh).")
    @APIResponse(responseCode = "200", description = "The example note",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoteView.class)))
    public Response example() {
        return Response.ok(EXAMPLE).tag(EntityTag.valueOf(Versions.etag(EXAMPLE.version()))).build();
    }

    @GET
    @Operation(operationId = "listNotes", summary = "Notes, newest first",
            description = "Without groupId: the notes of every group the caller is in. q is a web-search style"
                    + " query over title and body (words, \"a phrase\", -excluded), matched by English stems.")
    public Uni<Page<NoteSummary>> list(@QueryParam("groupId") String groupId,
            @QueryParam("sessionId") String sessionId, @QueryParam("tag") String tag,
            @QueryParam("q") @Size(max = Params.MAX_QUERY, message = Params.MAX_QUERY_MESSAGE) String q,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return notes.list(caller.id(), Params.uuid("groupId", groupId), Params.uuid("sessionId", sessionId), tag, q,
                Cursor.decode(cursor), Cursor.limit(limit));
    }

    @GET
    @Path("/{noteId}")
    @Operation(operationId = "getNote", summary = "One note: Markdown and sanitized HTML",
            description = "Served from the cache; send If-None-Match with the ETag for a 304, or"
                    + " Cache-Control: no-cache to read past the cache.")
    @APIResponse(responseCode = "200", description = "The note",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "404", description = "No such note, or in a group the caller is not in")
    public Uni<Response> get(@RestPath UUID noteId, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        return notes.read(caller.id(), noteId, Params.noCache(cacheControl)).map(entry -> entry.toResponse(ifNoneMatch));
    }

    @PATCH
    @Path("/{noteId}")
    @Operation(operationId = "updateNote",
            summary = "Edit a note: a new revision (its author, or the group's owner and organizers)",
            description = "Send the ETag of your last read in If-Match. Absent fields stay as they are.")
    @APIResponse(responseCode = "200", description = "The note as changed, with its new ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoteView.class)))
    @APIResponse(responseCode = "412", description = "The note changed since the ETag was read")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<Response> update(@RestPath UUID noteId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull UpdateNote request) {
        return notes.update(caller.id(), noteId, Versions.ifMatch(ifMatch, "note"), request)
                .call(view -> notes.changed(noteId))
                .map(view -> Response.ok(view).tag(EntityTag.valueOf(Versions.etag(view.version()))).build());
    }

    @DELETE
    @Path("/{noteId}")
    @Operation(operationId = "deleteNote",
            summary = "Delete a note with its revisions and comments (its author, or owner and organizers)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@RestPath UUID noteId) {
        return notes.delete(caller.id(), noteId)
                .call(() -> notes.changed(noteId))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{noteId}/revisions")
    @Operation(operationId = "listNoteRevisions",
            summary = "Every version of the note, newest first, with author and time")
    public Uni<Page<RevisionView>> revisions(@RestPath UUID noteId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return notes.revisions(caller.id(), noteId, Cursor.decode(cursor), Cursor.limit(limit));
    }

    @POST
    @Path("/{noteId}/comments")
    @Operation(operationId = "commentOnNote",
            summary = "Comment on a note (Markdown; @displayName mentions members of the group)")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CommentView.class)))
    public Uni<Response> comment(@RestPath UUID noteId, @Valid @NotNull AddComment request) {
        return notes.comment(caller.id(), noteId, request).map(view -> Response.status(Response.Status.CREATED)
                .entity(view).build());
    }

    @GET
    @Path("/{noteId}/comments")
    @Operation(operationId = "listNoteComments", summary = "A note's comments, oldest first")
    public Uni<Page<CommentView>> comments(@RestPath UUID noteId, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return notes.comments(caller.id(), noteId, Cursor.decode(cursor), Cursor.limit(limit));
    }

}
