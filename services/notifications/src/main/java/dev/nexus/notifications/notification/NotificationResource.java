package dev.nexus.notifications.notification;

import dev.nexus.notifications.model.Notification;
import dev.nexus.notifications.push.Tickets;
import dev.nexus.platform.paging.Cursor;
import dev.nexus.platform.paging.Page;
import dev.nexus.platform.problem.ProblemException;
import dev.nexus.platform.http.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/v1/notifications")
@Authenticated
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
public class NotificationResource {

    private final Notifications notifications;
    private final Caller caller;

    public NotificationResource(Notifications notifications, Caller caller) {
        this.notifications = notifications;
        this.caller = caller;
    }

    public record UnreadCount(@Schema(minimum = "0") long count) {
    }

    public record Ticket(@Schema(minLength = Tickets.LENGTH, maxLength = Tickets.LENGTH) String ticket,
            @Schema(minimum = "1") long expiresInSeconds) {
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "My notifications, newest first",
            description = "unread=true: only those not read yet.")
    public Uni<Page<Notification>> list(@QueryParam("unread") String unread, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        boolean unreadOnly = flag(unread);
        int size = Cursor.limit(limit);
        return notifications.page(caller.id(), unreadOnly, cursor, size);
    }

    @GET
    @Path("/unread-count")
    @Operation(operationId = "getUnreadCount", summary = "How many of my notifications are unread (from the cache)")
    public Uni<UnreadCount> unreadCount() {
        return notifications.unreadCount(caller.id()).map(UnreadCount::new);
    }

    @POST
    @Path("/{notificationId}/read")
    @Operation(operationId = "markNotificationRead",
            summary = "Mark one of my notifications read; harmless when repeated")
    @APIResponse(responseCode = "204", description = "Read")
    @APIResponse(responseCode = "404", description = "No such notification of the caller's")
    public Uni<Response> read(@RestPath UUID notificationId) {
        return notifications.markRead(caller.id(), notificationId).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all my notifications read")
    @APIResponse(responseCode = "204", description = "Read")
    public Uni<Response> readAll() {
        return notifications.markAllRead(caller.id()).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/stream-ticket")
    @Operation(operationId = "createStreamTicket",
            summary = "A one-use ticket (valid 30 s) to open the notification WebSocket",
            description = "Open ws(s)://…/api/v1/notifications/stream?ticket=<ticket>&after=<lastSeenId>; notifications"
                    + " after lastSeenId are replayed first (with those made up to 10 s before it, which may have"
                    + " committed after it: drop ids you have), then the unread count, then live ones. Messages:"
                    + " {\"type\":\"notification\",\"notification\":{…}} and {\"type\":\"unread-count\",\"count\":N}.")
    public Uni<Ticket> ticket() {
        return notifications.ticket(caller.id(), caller.session()).map(t -> new Ticket(t, Tickets.LIFETIME.toSeconds()));
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemException.invalidField("unread", "must be true or false");
    }

}
