package dev.nexus.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}.
 *
 * <p>Every text is cut to the limits below and {@code errors} to its first {@value #MAX_ERRORS}
 * entries, so that the limits the OpenAPI documents publish (platform {@code ApiDocumentFilter}) hold
 * whatever a mapper passes in, and a request full of invalid values cannot make the answer grow with it.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors for validation problems: one entry per offending field
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final int MAX_TYPE = 200;
    public static final int MAX_TITLE = 200;
    public static final int MAX_DETAIL = 4000;
    public static final int MAX_ERRORS = 100;

    public Problem {
        type = clip(type, MAX_TYPE);
        title = clip(title, MAX_TITLE);
        detail = clip(detail, MAX_DETAIL);
        errors = errors == null || errors.size() <= MAX_ERRORS ? errors : List.copyOf(errors.subList(0, MAX_ERRORS));
    }

    /**
     * One invalid value. {@code field} names it by its path in the request (which can contain a
     * client's map key, hence the cut).
     */
    public record FieldError(String field, String message) {

        public static final int MAX_FIELD = 200;
        public static final int MAX_MESSAGE = 1000;

        public FieldError {
            field = clip(field, MAX_FIELD);
            message = clip(message, MAX_MESSAGE);
        }
    }

    /** At most {@code max} characters: a longer text keeps its beginning and ends with "…". */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
