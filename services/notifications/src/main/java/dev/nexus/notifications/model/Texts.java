package dev.nexus.notifications.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Texts as a recipient reads them: times in their own zone, with its abbreviation ("Tue 18:00 CET"). */
public final class Texts {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE HH:mm zzz", Locale.ENGLISH);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);

    private Texts() {
    }

    /** "Tue 18:00 CET" within the coming week, "Tue 3 Mar 18:00 CET" further away or in the past. */
    public static String time(Instant at, String zone, Instant now) {
        ZoneId id = zone(zone);
        boolean soon = !at.isBefore(now) && at.isBefore(now.plusSeconds(6 * 24 * 3600));
        return (soon ? SHORT : LONG).format(at.atZone(id));
    }

    /** At most {@code max} characters: a longer text keeps its beginning and ends with "…". */
    public static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The zone, or UTC when it is unknown. */
    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
