package dev.nexus.sessions;

import dev.nexus.testing.ServiceSmokeTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest extends ServiceSmokeTest {
}
