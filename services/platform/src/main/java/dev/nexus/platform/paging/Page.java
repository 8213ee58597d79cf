package dev.nexus.platform.paging;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list: {@code nextCursor} is null on the last page, otherwise the value to send as
 * {@code ?cursor=} for the next one.
 */
public record Page<T>(@Schema(maxItems = Cursor.MAX_LIMIT) List<T> items,
        @Schema(maxLength = Cursor.MAX_LENGTH) String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only proves there is a
     * next page, and the cursor points after the last row shown.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> view, Function<R, String> cursorOf) {
        boolean more = rows.size() > limit;
        List<R> shown = more ? rows.subList(0, limit) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursorOf.apply(shown.get(shown.size() - 1)) : null);
    }
}
