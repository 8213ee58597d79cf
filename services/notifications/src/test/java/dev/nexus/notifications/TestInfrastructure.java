package dev.nexus.notifications;

import dev.nexus.testing.NexusInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against real servers, isolated per run, and a real SMTP server. */
@QuarkusTestResource(value = NexusInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "notifications"))
@QuarkusTestResource(MailServer.class)
public class TestInfrastructure {
}
