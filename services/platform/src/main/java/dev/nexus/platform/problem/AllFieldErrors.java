package dev.nexus.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reports every field error of a request body at once, as the client needs to fix them all: a value
 * Jackson cannot convert (a date-time without offset, an unknown enum constant, a word where a number
 * belongs) is recorded and read as null instead of ending the parse, then the body is validated and
 * both kinds of error are answered together in one 400 problem.
 */
@Provider
public class AllFieldErrors implements ReaderInterceptor {

    /** The errors of the body being read on this thread; reading is synchronous, so a thread local is exact. */
    private static final ThreadLocal<List<Problem.FieldError>> READING = new ThreadLocal<>();

    private final Validator validator;

    public AllFieldErrors(Validator validator) {
        this.validator = validator;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        List<Problem.FieldError> errors = new ArrayList<>();
        READING.set(errors);
        Object body;
        try {
            body = context.proceed();
        } finally {
            READING.remove();
        }
        if (errors.isEmpty() || body == null) {
            return body;
        }
        for (ConstraintViolation<Object> violation : validator.validate(body)) {
            String field = Problems.fieldOf(violation);
            if (errors.stream().noneMatch(e -> e.field().equals(field))) {
                errors.add(new Problem.FieldError(field, violation.getMessage()));
            }
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        throw new ProblemException(400, "Invalid request", detail, errors);
    }

    /** Installed in Quarkus' ObjectMapper; outside a request body (events, caches) it changes nothing. */
    @Singleton
    public static class Collector extends DeserializationProblemHandler implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            mapper.addHandler(this);
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext context, Class<?> target, String value,
                String failure) {
            return record(context.getParser().getParsingContext(), target);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext context, Class<?> target, Number value,
                String failure) {
            return record(context.getParser().getParsingContext(), target);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext context, JavaType target, JsonToken token,
                JsonParser parser, String failure) throws IOException {
            // on an object or array the parser already stands inside it: the field is its parent's
            JsonStreamContext at = token != null && token.isStructStart()
                    ? parser.getParsingContext().getParent() : parser.getParsingContext();
            Object handled = record(at, target.getRawClass());
            if (handled != NOT_HANDLED) {
                parser.skipChildren();
            }
            return handled;
        }

        private static Object record(JsonStreamContext at, Class<?> target) {
            List<Problem.FieldError> errors = READING.get();
            String field = errors == null || at == null ? "" : pathOf(at);
            if (field.isEmpty()) {
                return NOT_HANDLED;
            }
            errors.add(new Problem.FieldError(field, Problems.formatMessage(target)));
            return null;
        }

        /** {@code startsAt}, {@code items[2].name}: where the parser stands in the body. */
        private static String pathOf(JsonStreamContext context) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    parts.add(0, c.getCurrentName());
                } else if (c.inArray()) {
                    parts.add(0, "[" + c.getCurrentIndex() + "]");
                }
            }
            StringBuilder path = new StringBuilder();
            for (String part : parts) {
                path.append(path.isEmpty() || part.startsWith("[") ? "" : ".").append(part);
            }
            return path.toString();
        }
    }
}
