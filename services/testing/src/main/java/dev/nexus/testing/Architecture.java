package dev.nexus.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape every service's code keeps, checked by its {@code ArchitectureTest} (ArchUnit):
 * <ul>
 * <li>no cycle between the packages under the service's root: a feature package may use a lower
 * one, never the other way round, so each rule has one place to live;</li>
 * <li>a resource (a {@code @Path} class) only validates, calls a service and maps the answer: it
 * never touches the database (Hibernate, Panache, {@code Sql}), Redis, the {@code HotCache} or a
 * repository ({@code *Store}, {@code *Repository}) itself.</li>
 * </ul>
 */
public final class Architecture {

    private static final DescribedPredicate<JavaClass> DATA_ACCESS = resideInAnyPackage("io.quarkus.hibernate..",
            "org.hibernate..", "io.quarkus.redis..", "io.vertx.redis..", "io.vertx.mutiny.redis..",
            "dev.nexus.platform.db..")
            .or(describe("HotCache", c -> c.getName().equals("dev.nexus.platform.cache.HotCache")))
            .or(describe("a repository (*Store, *Repository)",
                    c -> c.getSimpleName().endsWith("Store") || c.getSimpleName().endsWith("Repository")));

    private Architecture() {
    }

    /** The service's main classes under {@code rootPackage}, checked against both rules; fails naming each breach. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().areAnnotatedWith("jakarta.ws.rs.Path")
                .should().dependOnClassesThat(DATA_ACCESS)
                .because("resources validate, call a service and map; services own transactions and caches")
                .allowEmptyShould(true)
                .check(classes);
    }
}
