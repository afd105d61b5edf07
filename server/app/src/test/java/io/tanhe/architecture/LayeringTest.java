package io.tanhe.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of docs/architecture.md, checked on the production classes of every module: each layer
 * uses only the layers below it (data flows one way, from a driver to a data centre), and no two
 * packages depend on each other, directly or in a ring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LayeringTest {
    private JavaClasses classes;

    @BeforeAll
    void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.tanhe");
    }

    /** The layers, bottom to top, as docs/architecture.md draws them. */
    static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("grammar").definedBy("io.tanhe.grammar..")
                .layer("engine").definedBy("io.tanhe.engine..")
                .layer("drivers").definedBy("io.tanhe.drivers..")
                .layer("lsp").definedBy("io.tanhe.lsp..")
                .layer("hj212").definedBy("io.tanhe.server.hj212..")
                .layer("store").definedBy("io.tanhe.server.store..")
                .layer("security").definedBy("io.tanhe.server.security..")
                .layer("packages").definedBy("io.tanhe.server.packages..")
                .layer("uplink").definedBy("io.tanhe.server.uplink..")
                .layer("simulators").definedBy("io.tanhe.sim..")
                .layer("cems").definedBy("io.tanhe.server.cems..")
                .layer("site").definedBy("io.tanhe.server.site..")
                .layer("evaluation").definedBy("io.tanhe.server.evaluation..")
                .layer("report").definedBy("io.tanhe.server.report..")
                .layer("recompute").definedBy("io.tanhe.server.recompute..")
                .layer("measurement").definedBy("io.tanhe.server.measurement..")
                .layer("terminal").definedBy("io.tanhe.server.terminal..")
                .layer("evidence").definedBy("io.tanhe.server.evidence..")
                .layer("api").definedBy("io.tanhe.server.api..")
                .layer("console").definedBy("io.tanhe.server.console..")
                .layer("app").definedBy("io.tanhe.cli..", "io.tanhe.bench..")
                .whereLayer("grammar").mayNotAccessAnyLayer()
                .whereLayer("engine").mayOnlyAccessLayers("grammar")
                .whereLayer("drivers").mayOnlyAccessLayers("grammar")
                .whereLayer("lsp").mayOnlyAccessLayers("engine", "grammar")
                .whereLayer("hj212").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("engine", "drivers", "grammar")
                .whereLayer("security").mayOnlyAccessLayers("store", "grammar")
                .whereLayer("packages").mayOnlyAccessLayers("security", "store", "engine", "grammar")
                .whereLayer("uplink").mayOnlyAccessLayers("hj212", "store", "engine", "drivers", "grammar")
                .whereLayer("simulators").mayOnlyAccessLayers("hj212", "drivers", "engine", "grammar")
                .whereLayer("cems").mayOnlyAccessLayers("hj212", "drivers", "grammar")
                .whereLayer("site").mayOnlyAccessLayers("cems", "uplink", "store", "engine", "drivers", "grammar")
                .whereLayer("evaluation").mayOnlyAccessLayers("site", "store", "engine", "drivers", "grammar")
                .whereLayer("report").mayOnlyAccessLayers("site", "store", "engine", "grammar")
                .whereLayer("recompute").mayOnlyAccessLayers("evaluation", "site", "store", "engine", "drivers", "grammar")
                .whereLayer("measurement").mayOnlyAccessLayers("evaluation", "site", "store", "engine", "drivers", "grammar")
                .whereLayer("terminal").mayOnlyAccessLayers("measurement", "recompute", "evaluation", "report", "site", "packages", "security",
                        "uplink", "store", "engine", "drivers", "grammar")
                .whereLayer("evidence").mayOnlyAccessLayers("terminal", "measurement", "recompute", "evaluation", "site", "packages", "security", "store",
                        "engine", "drivers", "grammar")
                .whereLayer("api").mayOnlyAccessLayers("evidence", "terminal", "report", "site", "packages", "security", "uplink", "store", "engine",
                        "drivers", "grammar")
                .whereLayer("console").mayOnlyAccessLayers("api", "terminal", "report", "uplink", "drivers", "site", "security", "store",
                        "engine", "grammar")
                .whereLayer("app").mayOnlyAccessLayers("console", "api", "evidence", "lsp", "terminal", "measurement", "recompute", "evaluation", "report", "site",
                        "simulators", "cems", "packages", "security", "uplink", "store", "hj212", "drivers", "engine", "grammar");
    }

    @Test
    void everyLayerUsesOnlyTheLayersBelowIt() {
        layers().check(classes);
    }

    @Test
    void theHttpServerReadsAPipelineThroughItsStatusViewNotTheTerminal() {
        noClasses().that().haveFullyQualifiedName("io.tanhe.server.api.ApiServer")
                .should().dependOnClassesThat().resideInAPackage("io.tanhe.server.terminal..")
                .check(classes);
    }

    @Test
    void noPackagesDependOnEachOtherInARing() {
        slices().matching("io.tanhe.(**)").should().beFreeOfCycles().check(classes);
    }
}
