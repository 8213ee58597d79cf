package dev.nexus.gateway.graphql;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** Groups, coding sessions and RSVPs as GraphQL types: the sessions service's REST documents, field for field. */
public final class SessionTypes {

    private SessionTypes() {
    }

    public enum Visibility { PUBLIC, PRIVATE }

    public enum Role { OWNER, ORGANIZER, MEMBER }

    public enum RsvpStatus { GOING, MAYBE, DECLINED }

    @Description("A study group. Times are RFC 3339 strings as the REST API gives them.")
    public record Group(@Id String id, String name, String description, Visibility visibility, String timeZone,
            @Id String ownerId, int memberCount, @Description("null when the caller is not a member") Role myRole,
            String createdAt) {
    }

    public record GroupConnection(List<Group> items, String nextCursor) {
    }

    public record Member(@Id String userId, String displayName, Role role, String joinedAt) {
    }

    public record MemberConnection(List<Member> items, String nextCursor) {
    }

    public record Invite(String code, @Id String groupId, String expiresAt,
            @Description("how many may join with it; null: no limit") Integer maxUses, int uses) {
    }

    @Description("The same times in the caller's own time zone")
    public record LocalTimes(String timeZone, String startsAt, String endsAt) {
    }

    @Description("A coding session: startsAt/endsAt carry the session's own offset; inYourZone the caller's")
    public record Session(@Id String id, @Id String groupId, String title, String description, String startsAt,
            String endsAt, int durationMinutes, String timeZone, Integer capacity, String recurrence,
            String meetingUrl, @Id String organizerId, boolean cancelled, String cancelReason, int version,
            LocalTimes inYourZone) {
    }

    @Description("One occurrence in a list: a single session, or one date of a series")
    public record Occurrence(@Id String sessionId, @Id String groupId, String title, String startsAt, String endsAt,
            String timeZone, boolean recurring, LocalTimes inYourZone) {
    }

    public record OccurrenceConnection(List<Occurrence> items, String nextCursor) {
    }

    public record Rsvp(RsvpStatus status, boolean waitlisted,
            @Description("1-based place on the waitlist, when waitlisted") Integer position) {
    }

    public record Attendee(@Id String userId, String displayName, RsvpStatus status, boolean waitlisted,
            String respondedAt) {
    }

    public record AttendeeConnection(List<Attendee> items, String nextCursor) {
    }

    @Input("GroupInput")
    @Description("For createGroup: name and visibility are required. For updateGroup: absent fields stay as they are.")
    public record GroupInput(String name, String description, Visibility visibility, String timeZone) {
    }

    @Input("SessionInput")
    @Description("For scheduleSession: title, startsAt (RFC 3339 with offset), durationMinutes (5-720) and timeZone"
            + " (IANA) are required; recurrence is an RFC 5545 RRULE. For rescheduleSession: absent fields stay.")
    public record SessionInput(String title, String description, String startsAt, Integer durationMinutes,
            String timeZone, Integer capacity, String recurrence, String meetingUrl) {
    }

    public enum PollStatus { OPEN, CLOSED }

    public enum PollAnswer { YES, IF_NEED_BE, NO }

    public record PollAnswerer(@Id String userId, String displayName, PollAnswer answer) {
    }

    @Description("A candidate time of a poll: startsAt/endsAt in the poll's zone, inYourZone in the caller's;"
            + " counts of each answer, the caller's own (null when none) and who answered what")
    public record PollSlot(@Id String id, String startsAt, String endsAt, int durationMinutes, LocalTimes inYourZone,
            int yes, int ifNeedBe, int no, PollAnswer yourAnswer, List<PollAnswerer> answers) {
    }

    @Description("An availability poll: members answer its slots until the deadline; closing it on one slot"
            + " schedules the session (sessionId)")
    public record Poll(@Id String id, @Id String groupId, String title, String description, String timeZone,
            String deadline, @Id String organizerId, PollStatus status,
            @Description("how many members answered") int respondents, List<PollSlot> slots, @Id String chosenSlotId,
            @Id String sessionId, String closedAt, String createdAt) {
    }

    public record PollConnection(List<Poll> items, String nextCursor) {
    }

    @Input("PollSlotInput")
    @Description("startsAt: RFC 3339 with offset, in the future; durationMinutes: 5-720")
    public record PollSlotInput(String startsAt, Integer durationMinutes) {
    }

    @Input("PollInput")
    @Description("title, timeZone (where the chosen slot is scheduled), deadline (no later than the last slot's"
            + " start) and 1-50 slots, no two the same")
    public record PollInput(String title, String description, String timeZone, String deadline,
            List<PollSlotInput> slots) {
    }

    @Input("PollAnswerInput")
    public record PollAnswerInput(@Id String slotId, PollAnswer answer) {
    }

    @Input("ClosePollInput")
    @Description("The slot to schedule; recurrence (an RFC 5545 RRULE), capacity and meetingUrl as for a session")
    public record ClosePollInput(@Id String slotId, String recurrence, Integer capacity, String meetingUrl) {
    }

    public enum PairOrMob { PAIR, MOB }

    @Description("How a session is run: format PAIR or MOB (null: an ordinary session); a mob's driver turn")
    public record SessionFormat(PairOrMob format, Integer rotationMinutes) {
    }

    public enum Weekday { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }

    @Description("Hours usually free on a day, [fromHour, toHour) in the caller's zone")
    public record FreeHours(Weekday day, int fromHour, int toHour) {
    }

    @Description("What pair proposals read: languages, a level from 1 (new) to 5 (expert), free hours in timeZone")
    public record PairingProfile(List<String> languages, int level, List<FreeHours> free, String timeZone) {
    }

    @Input("FreeHoursInput")
    @Description("day; fromHour 0-23; toHour 1-24, after fromHour")
    public record FreeHoursInput(Weekday day, Integer fromHour, Integer toHour) {
    }

    @Input("PairingProfileInput")
    @Description("languages: 1-10; level: 1-5; free: the hours usually free, in the caller's zone")
    public record PairingProfileInput(List<String> languages, Integer level, List<FreeHoursInput> free) {
    }

    public record Paired(@Id String userId, String displayName) {
    }

    @Description("An occurrence's pairs (a trio when the count is odd): set by an organizer, or proposed (set false)")
    public record Pairs(@Id String sessionId, String occurrenceStart, boolean set, List<List<Paired>> groups) {
    }

    @Description("A driver's turn from at until until, in the session's zone")
    public record DriverTurn(@Id String driverId, String displayName, String at, String until) {
    }

    @Description("A mob occurrence's driver rotation: published, or what publishing would make now")
    public record Rotation(@Id String sessionId, String occurrenceStart, boolean published, List<DriverTurn> turns) {
    }
}
