package io.podnet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure is a test: each direct sub-package of io.podnet is a module, and a
 * dependency cycle between modules, or a use of another module's internals (its sub-packages),
 * is a red build. The documentation of the modules and their dependencies is written to
 * target/spring-modulith-docs.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(PodnetApplication.class);

	@Test
	void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
		MODULES.verify();
	}

	@Test
	void modulesAreDocumented() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}
}
