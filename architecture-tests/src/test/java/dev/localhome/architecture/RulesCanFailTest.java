package dev.localhome.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link LocalhomeRules}, run over deliberately wrong classes laid out like the production packages
 * ({@code dev.localhome.archfixtures.wrong}), must fail, and must fail for the planted reason: the report names the
 * wrong class and not the well-behaved ones beside it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RulesCanFailTest {

    private static final String WRONG = "dev.localhome.archfixtures.wrong";
    private static final String SILENT = "dev.localhome.archfixtures.silent";
    private static final LocalhomeRules rules = LocalhomeRules.forBase(WRONG);

    private static JavaClasses wrong;

    @BeforeAll
    static void importFixtures() {
        wrong = new ClassFileImporter().importPackages(WRONG);
    }

    // 1
    @Test
    void domain_depends_on_java_only_fails_on_a_domain_class_using_netty_or_the_application() {
        assertThat(violations(rules.domainDependsOnJavaOnly))
                .contains(WRONG + ".domain.BadDomainUsesNetty", WRONG + ".domain.BadDomainUsesApplication")
                .doesNotContain(WRONG + ".domain.port.GoodPort");
    }

    // 2
    @Test
    void application_depends_on_domain_java_and_logging_only_fails_on_jackson_and_on_an_adapter() {
        assertThat(violations(rules.applicationDependsOnDomainJavaAndLoggingOnly))
                .contains(WRONG + ".application.BadApplicationUsesJackson",
                        WRONG + ".application.BadApplicationUsesAdapter")
                .doesNotContain(WRONG + ".application.UseCase");
    }

    // 3
    @Test
    void netty_is_used_only_in_the_netty_adapter_fails_on_netty_in_the_domain_and_in_discovery() {
        assertThat(violations(rules.nettyIsUsedOnlyInTheNettyAdapterAndTheEngineClient))
                .contains(WRONG + ".domain.BadDomainUsesNetty", WRONG + ".domain.port.BadPortReturnsNetty",
                        WRONG + ".adapters.discovery.BadDiscoveryMakesNettyServerChannel")
                .doesNotContain(WRONG + ".adapters.netty.", WRONG + ".adapters.discovery.container.GoodEngineClient");
    }

    @Test
    void bouncy_castle_is_used_only_in_the_certs_adapter_fails_on_bouncy_castle_in_the_netty_adapter() {
        assertThat(violations(rules.bouncyCastleIsUsedOnlyInTheCertsAdapter))
                .contains(WRONG + ".adapters.netty.BadNettyUsesBouncyCastle");
    }

    @Test
    void guice_and_inject_annotations_are_used_only_in_bootstrap_fails_on_an_injector_and_on_an_annotation() {
        assertThat(violations(rules.dependencyInjectionIsUsedOnlyInBootstrap))
                .contains(WRONG + ".adapters.certs.BadCertsUsesGuice",
                        WRONG + ".adapters.certs.BadCertsUsesJakartaInject")
                .doesNotContain(WRONG + ".bootstrap.");
    }

    @Test
    void jackson_is_used_only_where_json_crosses_the_boundary_fails_on_jackson_in_the_application_and_process_discovery() {
        assertThat(violations(rules.jacksonIsUsedOnlyWhereJsonCrossesTheBoundary))
                .contains(WRONG + ".application.BadApplicationUsesJackson",
                        WRONG + ".adapters.discovery.BadDiscoveryReadsJson")
                .doesNotContain(WRONG + ".bootstrap.", WRONG + ".adapters.discovery.container.GoodEngineClient");
    }

    @Test
    void picocli_is_used_only_in_bootstrap_fails_on_picocli_in_discovery() {
        assertThat(violations(rules.picocliIsUsedOnlyInBootstrap))
                .contains(WRONG + ".adapters.discovery.BadDiscoveryUsesPicocli")
                .doesNotContain(WRONG + ".bootstrap.");
    }

    @Test
    void the_logging_backend_is_used_only_in_bootstrap_fails_on_logback_in_the_netty_adapter() {
        assertThat(violations(rules.theLoggingBackendIsUsedOnlyInBootstrap))
                .contains(WRONG + ".adapters.netty.BadNettyUsesLogback")
                .doesNotContain(WRONG + ".bootstrap.");
    }

    @Test
    void the_mcp_sdk_is_used_only_in_bootstrap_s_mcp_package_fails_on_the_sdk_in_the_cli() {
        assertThat(violations(rules.theMcpSdkIsUsedOnlyInBootstrapsMcpPackage))
                .contains(WRONG + ".bootstrap.cli.BadCliUsesTheMcpSdk")
                .doesNotContain(WRONG + ".bootstrap.mcp.");
    }

    // 4
    @Test
    void adapters_do_not_depend_on_each_other_fails_on_netty_calling_certs() {
        assertThat(violations(rules.adaptersDoNotDependOnEachOther))
                .contains(WRONG + ".adapters.netty.BadNettyUsesCerts");
    }

    @Test
    void only_bootstrap_depends_on_adapters_fails_on_a_use_case_calling_an_adapter() {
        assertThat(violations(rules.onlyBootstrapDependsOnAdapters))
                .contains(WRONG + ".application.BadApplicationUsesAdapter")
                .doesNotContain(WRONG + ".bootstrap.", WRONG + ".adapters.netty.BadNettyUsesCerts");
    }

    @Test
    void nothing_depends_on_bootstrap_fails_on_an_adapter_calling_main() {
        assertThat(violations(rules.nothingDependsOnBootstrap))
                .contains(WRONG + ".adapters.certs.BadCertsUsesBootstrap");
    }

    @Test
    void top_level_packages_are_free_of_cycles_fails_on_a_domain_application_cycle() {
        assertThat(violations(rules.topLevelPackagesAreFreeOfCycles))
                .contains(WRONG + ".domain.BadDomainUsesApplication", WRONG + ".application.UseCase")
                // the port/routing cycle lies inside one top-level package
                .doesNotContain(WRONG + ".domain.routing.CyclicRule");
    }

    @Test
    void packages_outside_bootstrap_are_free_of_cycles_fails_on_a_routing_port_cycle() {
        assertThat(violations(rules.packagesOutsideBootstrapAreFreeOfCycles))
                .contains(WRONG + ".domain.routing.CyclicRule", WRONG + ".domain.port.CyclicPort")
                // cycles through the composition root are left to packagesAreFreeOfCycles
                .doesNotContain(WRONG + ".bootstrap.");
    }

    @Test
    void packages_are_free_of_cycles_fails_on_a_routing_port_cycle_and_through_bootstrap() {
        assertThat(violations(rules.packagesAreFreeOfCycles))
                .contains(WRONG + ".domain.routing.CyclicRule",
                        WRONG + ".adapters.certs.BadCertsUsesBootstrap");
    }

    // 5
    @Test
    void the_onion_architecture_fails_on_inward_breaches_adapter_coupling_and_unplaced_classes() {
        assertThat(violations(rules.onionArchitectureHolds))
                .contains(
                        WRONG + ".domain.BadDomainUsesApplication", // domain model -> application service
                        WRONG + ".domain.BadValueUsesPort", // domain model -> domain service
                        WRONG + ".application.BadApplicationUsesAdapter", // application -> adapter
                        WRONG + ".adapters.netty.BadNettyUsesCerts", // adapter -> adapter
                        WRONG + ".stray.Unplaced") // in no ring
                // the composition root is ignored
                .doesNotContainPattern(originIn(WRONG + ".bootstrap"));
    }

    @Test
    void domain_does_not_use_netty_fails_on_netty_in_a_domain_value_and_a_port() {
        assertThat(violations(rules.domainDoesNotUseNetty))
                .contains(WRONG + ".domain.BadDomainUsesNetty", WRONG + ".domain.port.BadPortHidesNettyInGenerics")
                .doesNotContain(WRONG + ".domain.BadDomainUsesApplication");
    }

    // 6
    @Test
    void port_signatures_carry_no_framework_types_fails_on_a_netty_return_type_and_a_netty_type_argument() {
        assertThat(violations(rules.portSignaturesCarryNoFrameworkTypes))
                .contains(WRONG + ".domain.port.BadPortReturnsNetty.read()",
                        WRONG + ".domain.port.BadPortHidesNettyInGenerics.accept(")
                .doesNotContain(WRONG + ".domain.port.GoodPort", WRONG + ".domain.port.CyclicPort");
    }

    // 7
    @Test
    void only_the_listener_constructs_a_server_bootstrap_fails_on_a_second_listener() {
        assertThat(violations(rules.onlyTheListenerConstructsAServerBootstrap))
                .contains(WRONG + ".adapters.netty.SecondListener")
                .doesNotContain(WRONG + ".adapters.netty.NettyProxyTransport");
    }

    @Test
    void the_listener_constructs_the_server_bootstrap_fails_when_it_no_longer_does() {
        assertThat(rules.theListenerConstructsTheServerBootstrap.evaluate(wrong).hasViolation())
                .as("the wrong fixtures' listener does build its ServerBootstrap")
                .isFalse();

        JavaClasses silent = new ClassFileImporter().importPackages(SILENT);
        ArchRule rule = LocalhomeRules.forBase(SILENT).theListenerConstructsTheServerBootstrap;
        assertThatThrownBy(() -> rule.check(silent))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(SILENT + ".adapters.netty.NettyProxyTransport");
    }

    @Test
    void only_the_listener_binds_a_server_bootstrap_fails_on_other_binds() {
        assertThat(violations(rules.onlyTheListenerBindsAServerBootstrap))
                .contains(WRONG + ".adapters.netty.SecondListener",
                        WRONG + ".adapters.netty.BadNettyBindsAnotherBootstrap")
                .doesNotContain(WRONG + ".adapters.netty.NettyProxyTransport");
    }

    @Test
    void nothing_opens_a_jdk_listening_socket_fails_on_server_socket_channel_and_http_server() {
        assertThat(violations(rules.nothingOpensAJdkListeningSocket))
                .contains(WRONG + ".adapters.discovery.BadDiscoveryListens",
                        WRONG + ".adapters.discovery.BadDiscoveryOpensChannel",
                        WRONG + ".adapters.discovery.BadDiscoveryStartsHttpServer")
                .doesNotContain(WRONG + ".adapters.netty.NettyProxyTransport");
    }

    @Test
    void nothing_constructs_a_netty_server_channel_fails_on_a_hand_made_server_channel() {
        assertThat(violations(rules.nothingConstructsANettyServerChannel))
                .contains(WRONG + ".adapters.discovery.BadDiscoveryMakesNettyServerChannel");
    }

    // 8
    @Test
    void adapter_types_are_package_private_except_their_entry_points_fails_on_an_unlisted_public_type() {
        ArchRule rule = rules.adapterTypesArePackagePrivateExcept(
                List.of("adapters.netty.NettyEntry", "adapters.certs.CertsEntry"));
        assertThat(violations(rule))
                .contains(WRONG + ".adapters.discovery.PublicHelper")
                .doesNotContain(WRONG + ".adapters.netty.NettyEntry", WRONG + ".adapters.certs.CertsEntry");
    }

    @Test
    void the_netty_adapter_s_inner_packages_are_used_only_through_entry_points_fails_on_bootstrap_reaching_in() {
        ArchRule rule = rules.nettyInnerPackagesAreUsedFromOutsideOnlyThrough(List.of("adapters.netty.NettyEntry"));
        assertThat(violations(rule))
                .contains(WRONG + ".bootstrap.BadBootstrapUsesNettyInternals")
                .doesNotContain("NettyEntry.class")
                .doesNotContainPattern(originIn(WRONG + ".adapters.netty"));
    }

    // 9
    @Test
    void pages_never_reach_into_forwarding_fails_on_a_page_that_starts_an_exchange() {
        assertThat(violations(rules.pagesNeverReachIntoForwarding))
                .contains(WRONG + ".adapters.netty.pages.BadPageStartsAnExchange")
                .doesNotContain(WRONG + ".adapters.netty.pages.GoodPage");
    }

    @Test
    void the_relay_knows_nothing_of_http_fails_on_a_relay_that_checks_for_requests() {
        assertThat(violations(rules.theRelayKnowsNothingOfHttp))
                .contains(WRONG + ".adapters.netty.relay.BadRelayReadsHttp")
                .doesNotContain(WRONG + ".adapters.netty.relay.GoodRelay");
    }

    @Test
    void only_the_transport_package_names_a_concrete_netty_transport_fails_on_nio_named_in_inbound() {
        assertThat(violations(rules.onlyTheTransportPackageNamesAConcreteNettyTransport))
                .contains(WRONG + ".adapters.netty.inbound.BadInboundPicksNio",
                        WRONG + ".adapters.discovery.BadDiscoveryPicksNio")
                .doesNotContain(WRONG + ".adapters.netty.transport.GoodTransportPicksNio",
                        WRONG + ".adapters.discovery.container.GoodEngineClient");
    }

    @Test
    void the_netty_adapter_s_packages_are_free_of_cycles_fails_on_a_router_tunnel_cycle() {
        assertThat(violations(rules.nettyAdapterPackagesAreFreeOfCycles))
                .contains(WRONG + ".adapters.netty.routing.CyclicRouter", WRONG + ".adapters.netty.tunnel.CyclicTunnel")
                .doesNotContain(WRONG + ".adapters.netty.pages.");
    }

    @Test
    void adapters_reach_the_application_only_through_its_ports_fails_on_an_adapter_holding_a_use_case() {
        assertThat(violations(rules.adaptersReachTheApplicationOnlyThroughItsPorts))
                .contains(WRONG + ".adapters.netty.pages.BadPageHoldsAUseCase")
                .doesNotContain(WRONG + ".adapters.netty.pages.GoodPage");
    }

    /** A violation line whose origin (the first {@code <member>} on the line) lies in the package. */
    private static String originIn(String packageName) {
        return "(?m)^[^<]*<" + java.util.regex.Pattern.quote(packageName + ".");
    }

    /** Checks the rule over the wrong fixtures, expects it to fail, and returns the violation details. */
    // 10
    @Test
    void no_generic_exception_is_thrown_fails_on_a_runtime_exception_an_exception_and_a_throwable() {
        assertThat(violations(rules.noGenericExceptionIsThrown))
                .contains(WRONG + ".adapters.discovery.BadDiscoveryThrowsGenericExceptions.runtime",
                        WRONG + ".adapters.discovery.BadDiscoveryThrowsGenericExceptions.checked",
                        WRONG + ".adapters.discovery.BadDiscoveryThrowsGenericExceptions.throwable")
                .doesNotContain(WRONG + ".adapters.discovery.BadDiscoveryThrowsGenericExceptions.specific");
    }

    @Test
    void standard_streams_are_used_only_by_the_console_fails_on_stdout_and_stderr_outside_it() {
        assertThat(violations(rules.standardStreamsAreUsedOnlyByTheConsole))
                .contains(WRONG + ".application.BadApplicationPrints.out", WRONG + ".application.BadApplicationPrints.err")
                .doesNotContain(WRONG + ".bootstrap.Main");
    }

    @Test
    void loggers_are_private_static_final_fails_on_a_shared_and_on_an_instance_logger() {
        assertThat(violations(rules.loggersArePrivateStaticFinal))
                .contains(WRONG + ".application.BadApplicationLoggers.shared",
                        WRONG + ".application.BadApplicationLoggers.perInstance")
                .doesNotContain(WRONG + ".application.BadApplicationLoggers.log");
    }

    @Test
    void logging_goes_through_slf4j_only_fails_on_java_util_logging_and_the_system_logger() {
        assertThat(violations(rules.loggingGoesThroughSlf4jOnly))
                .contains(WRONG + ".application.BadApplicationLogsAround.julLogger",
                        WRONG + ".application.BadApplicationLogsAround.systemLogger");
    }

    private static String violations(ArchRule rule) {
        assertThatThrownBy(() -> rule.check(wrong))
                .as(rule.getDescription())
                .isInstanceOf(AssertionError.class);
        return String.join("\n", rule.evaluate(wrong).getFailureReport().getDetails());
    }
}
