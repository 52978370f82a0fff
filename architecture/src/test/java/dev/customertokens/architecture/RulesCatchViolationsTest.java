package dev.customertokens.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.customertokens.adapters.violating.AdapterCallingAService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Guards the guard: the rules fail on a class that breaks them, naming it (the class lives in the tests only). */
class RulesCatchViolationsTest {

    private final JavaClasses violating = new ClassFileImporter().importClasses(AdapterCallingAService.class);

    @Test
    void an_adapter_calling_a_service_breaks_the_rule_that_adapters_use_ports() {
        assertThatThrownBy(() -> ArchitectureTest.adapters_use_ports_never_services.check(violating))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(AdapterCallingAService.class.getName())
                .hasMessageContaining("RefreshTokenService");
    }
}
