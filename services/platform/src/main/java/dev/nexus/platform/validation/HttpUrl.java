package dev.nexus.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An absolute {@code http://} or {@code https://} URI with a host, as RFC 3986 spells it (so
 * {@code https://meet.example/{room}} is refused: braces must be percent-encoded). A link is
 * checked when it is written, so that everything that reads it later (calendar feeds, web pages)
 * can rely on it. Null is allowed (use @NotNull to forbid it); so is "" where {@link #emptyAllowed}
 * says that it means "no link".
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HttpUrl.Validator.class)
public @interface HttpUrl {

    boolean emptyAllowed() default false;

    String message() default "must be an absolute http:// or https:// URL (characters such as spaces or {} percent-encoded)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpUrl, String> {
        private boolean emptyAllowed;

        @Override
        public void initialize(HttpUrl annotation) {
            emptyAllowed = annotation.emptyAllowed();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || emptyAllowed && value.isEmpty()) {
                return true;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
