package dev.nexus.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.Set;

/**
 * An IANA time-zone name such as {@code Europe/Berlin}; null is allowed (use @NotNull to forbid it).
 * No zone name is longer than {@link #MAX_LENGTH} (the longest, America/Argentina/ComodRivadavia, has
 * 32 characters); a field documents it with {@code @Schema(maxLength = IanaTimeZone.MAX_LENGTH)}.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IanaTimeZone.Validator.class)
public @interface IanaTimeZone {

    int MAX_LENGTH = 64;

    String message() default "must be an IANA time zone such as Europe/Berlin or America/New_York";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IanaTimeZone, String> {
        /** Read once: {@code ZoneId.getAvailableZoneIds()} copies all ~600 names into a new set on every call. */
        private static final Set<String> ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.length() <= MAX_LENGTH && ZONES.contains(value);
        }
    }
}
