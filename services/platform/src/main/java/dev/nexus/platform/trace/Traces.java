package dev.nexus.platform.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Trace context across what OpenTelemetry's instrumentation does not cross by itself: the outbox
 * row, the RabbitMQ message, the Redis push channel. Each carries a W3C {@code traceparent}; the
 * other side starts its span as a child of it. Spans are recorded only when sampled (see the
 * {@code quarkus.otel.traces.sampler} settings); trace ids exist, and reach the logs, either way.
 */
@ApplicationScoped
public class Traces {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C traceparent of the current span; null when there is none. */
    public static String current() {
        return traceparent(Span.current());
    }

    /** The W3C traceparent of {@code span}; null when it has no valid context. */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /** The context a traceparent names; the root context when it is null or not a valid traceparent. */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }

    /** Starts a span of {@code kind} under {@code parent}; the caller ends it. */
    public Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** As {@link #start(String, SpanKind, Context)}, begun at {@code started}: for work already done. */
    public Span start(String name, SpanKind kind, Context parent, Instant started) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).setStartTimestamp(started).startSpan();
    }
}
