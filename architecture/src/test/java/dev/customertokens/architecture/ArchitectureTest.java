package dev.customertokens.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the project's architecture (docs/architecture.md), one per {@code @ArchTest}, over every
 * module's production classes, the benchmarks' and the testkit's included: tests may cross lines that
 * production code must not. A rule whose subject matches no class fails (archunit.properties), and
 * {@link RulesCatchViolationsTest} shows that a rule fails on a class that breaks it.
 */
@AnalyzeClasses(packages = "dev.customertokens", importOptions = ArchitectureTest.ProductionClassesOnly.class)
class ArchitectureTest {

    private static final String[] FRAMEWORKS = {"io.vertx..", "io.netty..", "org.jdbi..", "java.sql..", "javax.sql..",
            "com.zaxxer..", "org.flywaydb..", "org.h2..", "org.postgresql..", "picocli..", "org.slf4j..",
            "ch.qos.logback..", "com.fasterxml.jackson.."};

    @ArchTest
    static final ArchRule domain_depends_on_no_framework = noClasses()
            .that().resideInAPackage("dev.customertokens.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk_and_itself = classes()
            .that().resideInAPackage("dev.customertokens.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.customertokens.domain..", "java..");

    @ArchTest
    static final ArchRule application_depends_on_no_framework = noClasses()
            .that().resideInAPackage("dev.customertokens.application..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    @ArchTest
    static final ArchRule application_depends_only_on_the_domain_and_the_jdk = classes()
            .that().resideInAPackage("dev.customertokens.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("dev.customertokens.application..", "dev.customertokens.domain..", "java..");

    @ArchTest
    static final ArchRule adapters_do_not_know_each_other = slices()
            .matching("dev.customertokens.adapters.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule the_http_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.customertokens.adapters.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.adapters.jwt..",
                    "dev.customertokens.adapters.persistence..");

    @ArchTest
    static final ArchRule the_persistence_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.customertokens.adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.adapters.jwt..",
                    "dev.customertokens.adapters.http..");

    @ArchTest
    static final ArchRule the_jwt_adapter_knows_no_other_adapter = noClasses()
            .that().resideInAPackage("dev.customertokens.adapters.jwt..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.adapters.http..",
                    "dev.customertokens.adapters.persistence..");

    @ArchTest
    static final ArchRule only_bootstrap_and_the_benchmarks_know_bootstrap = noClasses()
            .that().resideOutsideOfPackages("dev.customertokens.bootstrap..", "dev.customertokens.benchmarks..")
            .should().dependOnClassesThat().resideInAPackage("dev.customertokens.bootstrap..");

    @ArchTest
    static final ArchRule nothing_depends_on_the_benchmarks = noClasses()
            .that().resideOutsideOfPackage("dev.customertokens.benchmarks..")
            .should().dependOnClassesThat().resideInAPackage("dev.customertokens.benchmarks..");

    @ArchTest
    static final ArchRule adapters_use_ports_never_services = noClasses()
            .that().resideInAPackage("dev.customertokens.adapters..")
            .should().dependOnClassesThat().resideInAPackage("dev.customertokens.application.service..");

    @ArchTest
    static final ArchRule ports_never_depend_on_services = noClasses()
            .that().resideInAPackage("dev.customertokens.application.port..")
            .should().dependOnClassesThat().resideInAPackage("dev.customertokens.application.service..");

    @ArchTest
    static final ArchRule the_testkit_knows_only_the_application_and_the_domain = noClasses()
            .that().resideInAPackage("dev.customertokens.testkit..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.adapters..",
                    "dev.customertokens.bootstrap..", "dev.customertokens.benchmarks..");

    @ArchTest
    static final ArchRule arrows_point_inward_from_the_domain = noClasses()
            .that().resideInAPackage("dev.customertokens.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.application..",
                    "dev.customertokens.adapters..", "dev.customertokens.bootstrap..");

    @ArchTest
    static final ArchRule arrows_point_inward_from_the_application = noClasses()
            .that().resideInAPackage("dev.customertokens.application..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.customertokens.adapters..",
                    "dev.customertokens.bootstrap..");

    @ArchTest
    static final ArchRule no_cycles_between_packages = slices()
            .matching("dev.customertokens.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule driving_ports_are_interfaces_named_for_their_use_case = classes()
            .that().resideInAPackage("dev.customertokens.application.port.in..")
            .and().areInterfaces()
            .should().haveSimpleNameEndingWith("UseCase");

    @ArchTest
    static final ArchRule use_cases_are_implemented_by_services = classes()
            .that().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a driving port",
                    (JavaClass c) -> c.getPackageName().equals("dev.customertokens.application.port.in")
                            && c.getSimpleName().endsWith("UseCase")))
            .should().resideInAPackage("dev.customertokens.application.service..")
            .andShould().haveSimpleNameEndingWith("Service");

    @ArchTest
    static final ArchRule driven_ports_are_interfaces_or_their_exceptions = classes()
            .that().resideInAPackage("dev.customertokens.application.port.out..")
            .and().areNotInterfaces()
            .should().beAssignableTo(Exception.class)
            // or the immutable values a port hands back (what a refresh reads in one round trip)
            .orShould().beAssignableTo(Record.class);

    /** Leaves out test classes and the test-jar of shared fixtures, which Maven may hand over as a jar. */
    static final class ProductionClassesOnly implements ImportOption {
        private final ImportOption doNotIncludeTests = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return doNotIncludeTests.includes(location)
                    && !location.contains("-tests.jar")
                    && !location.contains("/test-classes/");
        }
    }
}
