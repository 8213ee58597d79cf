package dev.nexus.notes;

import dev.nexus.testing.NexusInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against real servers, isolated per run. */
@QuarkusTestResource(value = NexusInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "notes"))
public class TestInfrastructure {
}
