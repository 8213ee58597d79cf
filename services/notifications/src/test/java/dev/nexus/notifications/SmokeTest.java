package dev.nexus.notifications;

import dev.nexus.testing.ServiceSmokeTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest extends ServiceSmokeTest {
}
