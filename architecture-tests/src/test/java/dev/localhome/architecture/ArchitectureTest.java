package dev.localhome.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The rules of {@link LocalhomeRules} over the production classes of every module. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ArchitectureTest {

    private static final LocalhomeRules rules = LocalhomeRules.PRODUCTION;
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // The modules arrive as jars (or target/classes in a reactor build); tests of any module are left out.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.localhome");
    }

    @Test
    void the_import_sees_every_module_and_no_test_class() {
        for (String module : new String[] {"domain", "domain.port", "domain.routing", "domain.forward", "application",
                "adapters.netty", "adapters.certs", "adapters.discovery", "bootstrap"}) {
            assertThat(production.stream().filter(c -> c.getPackageName().startsWith("dev.localhome." + module)))
                    .as("production classes in dev.localhome.%s", module)
                    .isNotEmpty();
        }
        assertThat(production.stream().map(JavaClass::getName))
                .as("test and fixture classes must not be imported")
                .noneMatch(name -> name.startsWith("dev.localhome.archfixtures") || name.endsWith("Test")
                        || name.startsWith("dev.localhome.architecture"));
        assertThat(production.contain(rules.theListener)).as("the one listener class exists").isTrue();
    }

    // 1
    @Test
    void domain_depends_on_java_only() {
        rules.domainDependsOnJavaOnly.check(production);
    }

    // 2
    @Test
    void application_depends_on_domain_java_and_logging_only() {
        rules.applicationDependsOnDomainJavaAndLoggingOnly.check(production);
    }

    // 3
    @Test
    void netty_is_used_only_in_the_netty_adapter_and_the_engine_client() {
        rules.nettyIsUsedOnlyInTheNettyAdapterAndTheEngineClient.check(production);
    }

    @Test
    void bouncy_castle_is_used_only_in_the_certs_adapter() {
        rules.bouncyCastleIsUsedOnlyInTheCertsAdapter.check(production);
    }

    @Test
    void guice_and_inject_annotations_are_used_only_in_bootstrap() {
        rules.dependencyInjectionIsUsedOnlyInBootstrap.check(production);
    }

    @Test
    void jackson_is_used_only_where_json_crosses_the_boundary() {
        rules.jacksonIsUsedOnlyWhereJsonCrossesTheBoundary.check(production);
    }

    @Test
    void picocli_is_used_only_in_bootstrap() {
        rules.picocliIsUsedOnlyInBootstrap.check(production);
    }

    @Test
    void the_logging_backend_is_used_only_in_bootstrap() {
        rules.theLoggingBackendIsUsedOnlyInBootstrap.check(production);
    }

    // 4
    @Test
    void the_mcp_sdk_is_used_only_in_bootstrap_s_mcp_package() {
        rules.theMcpSdkIsUsedOnlyInBootstrapsMcpPackage.check(production);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        rules.adaptersDoNotDependOnEachOther.check(production);
    }

    @Test
    void only_bootstrap_depends_on_adapters() {
        rules.onlyBootstrapDependsOnAdapters.check(production);
    }

    @Test
    void nothing_depends_on_bootstrap() {
        rules.nothingDependsOnBootstrap.check(production);
    }

    @Test
    void top_level_packages_are_free_of_cycles() {
        rules.topLevelPackagesAreFreeOfCycles.check(production);
    }

    @Test
    void packages_outside_bootstrap_are_free_of_cycles() {
        rules.packagesOutsideBootstrapAreFreeOfCycles.check(production);
    }

    @Test
    void packages_are_free_of_cycles() {
        rules.packagesAreFreeOfCycles.check(production);
    }

    // 5
    @Test
    void the_code_follows_the_onion_architecture() {
        rules.onionArchitectureHolds.check(production);
    }

    @Test
    void domain_does_not_use_netty() {
        rules.domainDoesNotUseNetty.check(production);
    }

    // 6
    @Test
    void port_signatures_carry_no_framework_types() {
        rules.portSignaturesCarryNoFrameworkTypes.check(production);
    }

    // 7
    @Test
    void only_the_listener_constructs_a_server_bootstrap() {
        rules.onlyTheListenerConstructsAServerBootstrap.check(production);
    }

    @Test
    void the_listener_constructs_the_server_bootstrap() {
        rules.theListenerConstructsTheServerBootstrap.check(production);
    }

    @Test
    void only_the_listener_binds_a_server_bootstrap() {
        rules.onlyTheListenerBindsAServerBootstrap.check(production);
    }

    @Test
    void nothing_opens_a_jdk_listening_socket() {
        rules.nothingOpensAJdkListeningSocket.check(production);
    }

    @Test
    void nothing_constructs_a_netty_server_channel() {
        rules.nothingConstructsANettyServerChannel.check(production);
    }

    // 8
    @Test
    void adapter_types_are_package_private_except_their_entry_points() {
        rules.adapterTypesArePackagePrivateExcept(LocalhomeRules.PRODUCTION_ADAPTER_ENTRY_POINTS).check(production);
    }

    @Test
    void the_netty_adapter_s_inner_packages_are_used_from_outside_only_through_its_entry_points() {
        rules.nettyInnerPackagesAreUsedFromOutsideOnlyThrough(LocalhomeRules.PRODUCTION_ADAPTER_ENTRY_POINTS)
                .check(production);
    }

    // 9
    @Test
    void pages_never_reach_into_forwarding() {
        rules.pagesNeverReachIntoForwarding.check(production);
    }

    @Test
    void the_relay_knows_nothing_of_http() {
        rules.theRelayKnowsNothingOfHttp.check(production);
    }

    @Test
    void only_the_transport_package_names_a_concrete_netty_transport() {
        rules.onlyTheTransportPackageNamesAConcreteNettyTransport.check(production);
    }

    @Test
    void the_netty_adapter_s_packages_are_free_of_cycles() {
        rules.nettyAdapterPackagesAreFreeOfCycles.check(production);
    }

    // 10
    @Test
    void no_generic_exception_is_thrown() {
        rules.noGenericExceptionIsThrown.check(production);
    }

    @Test
    void standard_streams_are_used_only_by_the_console() {
        rules.standardStreamsAreUsedOnlyByTheConsole.check(production);
    }

    @Test
    void loggers_are_private_static_final() {
        rules.loggersArePrivateStaticFinal.check(production);
    }

    @Test
    void logging_goes_through_slf4j_only() {
        rules.loggingGoesThroughSlf4jOnly.check(production);
    }

    @Test
    void adapters_reach_the_application_only_through_its_ports() {
        rules.adaptersReachTheApplicationOnlyThroughItsPorts.check(production);
    }
}
