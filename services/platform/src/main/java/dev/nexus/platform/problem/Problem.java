package dev.nexus.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors for validation problems: one entry per offending field
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }
}
