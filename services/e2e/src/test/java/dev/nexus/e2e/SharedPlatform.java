package dev.nexus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class of a run the same {@link Platform}: it is started once, by the first class
 * that asks, and stopped when the whole run ends (JUnit closes it with the root context).
 * Use {@code @ExtendWith(SharedPlatform.class)} and take a {@code Platform} parameter in {@code @BeforeAll}.
 */
final class SharedPlatform implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Platform.class, key -> {
                    try {
                        return Platform.start();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Platform.class);
    }
}
