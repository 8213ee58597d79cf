package dev.nexus.identity;

import dev.nexus.testing.Architecture;
import org.junit.jupiter.api.Test;

/** No package cycle in this service, and resources that never touch the database, Redis or a repository. */
class ArchitectureTest {

    @Test
    void packagesHaveNoCyclesAndResourcesOnlyCallServices() {
        Architecture.check("dev.nexus.identity");
    }
}
