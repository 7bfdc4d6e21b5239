package io.podnet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/**
 * The directions the modules keep beyond having no cycles ({@link ModularityTests}): the pure core
 * (addresses and allocators, kubenet's names and route tables, the path tracer, the refusals) knows
 * no framework; HTTP types stay in the web edge, the API conventions and the controllers; SQL lives
 * in persistence classes, and a feature's Spring Data repositories are its own.
 */
class ArchitectureTests {

	static final JavaClasses PODNET = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.podnet");

	static final String[] PURE_CORE = { "io.podnet.ipam..", "io.podnet.kubenet..", "io.podnet.path..",
			"io.podnet.problem.." };

	@Test
	void thePureCoreUsesNoFramework() {
		check(classes().that().resideInAnyPackage(PURE_CORE).should().onlyDependOnClassesThat()
				.resideInAnyPackage(concat(PURE_CORE, "java..", "inet.ipaddr.."))
				.because("the algorithms take values and return values: no Spring, JPA, HTTP or JSON"));
	}

	@Test
	void httpTypesStayInTheWebEdgeTheApiConventionsAndTheControllers() {
		// access (who may send a request) and audit (what was sent) read the request itself, by nature
		// watch streams its answers itself
		check(noClasses().that().resideOutsideOfPackages("io.podnet.web..", "io.podnet.api..", "io.podnet.access..",
				"io.podnet.audit..", "io.podnet.watch..")
				.and().haveSimpleNameNotEndingWith("Controller")
				.should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
				.because("services answer in domain values; controllers turn them into HTTP"));
	}

	@Test
	void sqlIsWrittenOnlyInPersistenceClasses() {
		check(noClasses().that().areNotAnnotatedWith(Repository.class)
				.should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
				.orShould().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
				.because("a schema change should mean reading the persistence classes of the table's feature only"));
	}

	@Test
	void aFeaturesRepositoriesAreUsedOnlyByThatFeature() {
		check(classes().that().areAssignableTo(org.springframework.data.repository.Repository.class)
				.should(beUsedOnlyInTheirOwnPackage())
				.because("another feature asks through the owner's service or interface, never its tables"));
	}

	private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
		return new ArchCondition<>("be used only in their own package") {
			@Override
			public void check(JavaClass repository, ConditionEvents events) {
				repository.getDirectDependenciesToSelf().stream()
						.filter(dependency -> !dependency.getOriginClass().getPackageName()
								.equals(repository.getPackageName()))
						.forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency,
								dependency.getDescription())));
			}
		};
	}

	private static void check(ArchRule rule) {
		rule.check(PODNET);
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}
}
