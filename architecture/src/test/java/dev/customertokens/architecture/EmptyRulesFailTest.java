package dev.customertokens.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Guards the guard: with this project's ArchUnit configuration, a rule about no class at all fails. */
class EmptyRulesFailTest {

    @Test
    void a_rule_whose_subject_matches_no_class_fails() {
        JavaClasses classes = new ClassFileImporter().importPackages("dev.customertokens.domain");
        assertThatThrownBy(() -> noClasses().that().resideInAPackage("dev.customertokens.renamed..")
                .should().dependOnClassesThat().resideInAPackage("io.vertx..")
                .check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }
}
