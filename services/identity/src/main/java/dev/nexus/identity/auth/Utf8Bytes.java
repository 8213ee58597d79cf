package dev.nexus.identity.auth;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * At most {@link #max} bytes in UTF-8. bcrypt reads the first 72 bytes of a password and ignores
 * the rest, so a longer password would be accepted and then matched by its prefix alone: it is
 * refused instead (a character outside ASCII takes two to four bytes).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Utf8Bytes.Validator.class)
public @interface Utf8Bytes {

    int max();

    String message() default "must be at most {max} bytes in UTF-8 (fewer characters when they are not plain ASCII)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Utf8Bytes, String> {
        private int max;

        @Override
        public void initialize(Utf8Bytes annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.getBytes(StandardCharsets.UTF_8).length <= max;
        }
    }
}
