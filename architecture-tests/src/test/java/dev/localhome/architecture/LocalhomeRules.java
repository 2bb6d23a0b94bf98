package dev.localhome.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ServerChannel;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The architecture rules of localhome (docs/ARCHITECTURE.md, "Modules and ports" and "One socket").
 *
 * <p>Every rule is defined relative to a base package, so the very same rule objects run over the production code
 * ({@link #PRODUCTION}, base {@code dev.localhome}) and over deliberately wrong fixture classes that mimic its
 * package layout under another base (see {@code RulesCanFailTest}).
 */
final class LocalhomeRules {

    /** Public types of the adapters today: the entry points {@code bootstrap} wires. Everything else stays package-private. */
    static final List<String> PRODUCTION_ADAPTER_ENTRY_POINTS = List.of(
            "adapters.certs.CaInit",
            "adapters.certs.CertificateAuthorities",
            "adapters.certs.UnusableCaException",
            "adapters.discovery.Discoveries",
            "adapters.discovery.container.ContainerDiscoveries",
            "adapters.netty.NettyTransports",
            "adapters.netty.inbound.ProxyLimits");

    /** Types that listen on a socket when used: the JDK's own listeners and server factories. */
    private static final List<Class<?>> JDK_LISTENER_TYPES = List.of(
            java.net.ServerSocket.class,
            java.nio.channels.ServerSocketChannel.class,
            java.nio.channels.AsynchronousServerSocketChannel.class,
            javax.net.ServerSocketFactory.class,
            com.sun.net.httpserver.HttpServer.class);

    /** The rules over the real code (declared after the constants the constructor reads). */
    static final LocalhomeRules PRODUCTION = forBase("dev.localhome");

    final String base;
    final String domain;
    final String domainPort;
    final String application;
    final String adapters;
    final String nettyAdapter;
    final String certsAdapter;
    final String discoveryAdapter;
    /** Container discovery: the one place beside the netty adapter that speaks HTTP (to the engine) and reads JSON. */
    final String containerDiscovery;
    final String bootstrap;
    /** The one class that may build and bind the listeners: one per loopback address, the same pipeline on each. */
    final String theListener;

    // 1. domain
    final ArchRule domainDependsOnJavaOnly;
    // 2. application
    final ArchRule applicationDependsOnDomainJavaAndLoggingOnly;
    // 3. frameworks where they belong
    final ArchRule nettyIsUsedOnlyInTheNettyAdapterAndTheEngineClient;
    final ArchRule bouncyCastleIsUsedOnlyInTheCertsAdapter;
    final ArchRule dependencyInjectionIsUsedOnlyInBootstrap;
    final ArchRule jacksonIsUsedOnlyWhereJsonCrossesTheBoundary;
    final ArchRule picocliIsUsedOnlyInBootstrap;
    final ArchRule theLoggingBackendIsUsedOnlyInBootstrap;
    final ArchRule theMcpSdkIsUsedOnlyInBootstrapsMcpPackage;
    // 4. module dependencies and cycles
    final ArchRule adaptersDoNotDependOnEachOther;
    final ArchRule onlyBootstrapDependsOnAdapters;
    final ArchRule nothingDependsOnBootstrap;
    final ArchRule topLevelPackagesAreFreeOfCycles;
    final ArchRule packagesOutsideBootstrapAreFreeOfCycles;
    final ArchRule packagesAreFreeOfCycles;
    // 5. onion
    final ArchRule onionArchitectureHolds;
    final ArchRule domainDoesNotUseNetty;
    // 6. ports
    final ArchRule portSignaturesCarryNoFrameworkTypes;
    // 7. one listener per loopback address
    final ArchRule onlyTheListenerConstructsAServerBootstrap;
    final ArchRule theListenerConstructsTheServerBootstrap;
    final ArchRule onlyTheListenerBindsAServerBootstrap;
    final ArchRule nothingOpensAJdkListeningSocket;
    final ArchRule nothingConstructsANettyServerChannel;
    // 9. the netty adapter's packages, one per path a connection takes (adapters-netty/README.md)
    final String nettyPackages;
    final ArchRule pagesNeverReachIntoForwarding;
    final ArchRule theRelayKnowsNothingOfHttp;
    final ArchRule onlyTheTransportPackageNamesAConcreteNettyTransport;
    final ArchRule nettyAdapterPackagesAreFreeOfCycles;
    // 10. hygiene
    /** The classes that own the process's standard streams: {@code main} and {@code localhome mcp}'s stdio. */
    final List<String> console;
    final ArchRule noGenericExceptionIsThrown;
    final ArchRule standardStreamsAreUsedOnlyByTheConsole;
    final ArchRule loggersArePrivateStaticFinal;
    final ArchRule loggingGoesThroughSlf4jOnly;
    final ArchRule adaptersReachTheApplicationOnlyThroughItsPorts;

    private LocalhomeRules(String base) {
        this.base = base;
        domain = base + ".domain..";
        domainPort = base + ".domain.port..";
        application = base + ".application..";
        adapters = base + ".adapters..";
        nettyAdapter = base + ".adapters.netty..";
        certsAdapter = base + ".adapters.certs..";
        discoveryAdapter = base + ".adapters.discovery..";
        containerDiscovery = base + ".adapters.discovery.container..";
        bootstrap = base + ".bootstrap..";
        theListener = base + ".adapters.netty.NettyProxyTransport";
        nettyPackages = base + ".adapters.netty.";
        console = List.of(base + ".bootstrap.Main", base + ".bootstrap.cli.client.McpCommand");

        domainDependsOnJavaOnly = classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain)
                .because("the domain holds the routing and tunnel rules as pure Java: values, decisions and ports "
                        + "that any adapter can implement and any test can run without a framework (docs/ARCHITECTURE.md, Modules and ports)");

        applicationDependsOnDomainJavaAndLoggingOnly = classes().that().resideInAPackage(application)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", domain, application)
                .because("use cases orchestrate the domain through its ports; transports, certificates and discovery "
                        + "are adapters plugged in by bootstrap, and only the logging API is allowed everywhere");

        nettyIsUsedOnlyInTheNettyAdapterAndTheEngineClient = onlyIn("io.netty..", nettyAdapter, containerDiscovery)
                .because("Netty is the transport; keeping it in adapters-netty keeps every other module testable "
                        + "without sockets and makes the one-listener design enforceable in one place. The one "
                        + "exception is container discovery's client of the engine API (HTTP over a unix socket), "
                        + "which uses Netty's codec rather than an HTTP parser of its own; it only connects (the "
                        + "listener rules below hold for it too)");

        bouncyCastleIsUsedOnlyInTheCertsAdapter = onlyIn("org.bouncycastle..", certsAdapter)
                .because("certificate minting is the certs adapter's job; the rest of the code sees TLS identities "
                        + "only as java.security types through the CertificateAuthority port");

        dependencyInjectionIsUsedOnlyInBootstrap = onlyIn(
                new String[] {"com.google.inject..", "jakarta.inject..", "javax.inject.."}, bootstrap)
                .because("bootstrap is the composition root: Guice modules live there and every other class is "
                        + "wired by plain constructors, so no module needs an injector (or its annotations) to work");

        jacksonIsUsedOnlyWhereJsonCrossesTheBoundary = onlyIn(
                new String[] {"com.fasterxml.jackson.."}, nettyAdapter, bootstrap, containerDiscovery)
                .because("JSON is read or written only where it crosses the boundary: the config files (bootstrap), "
                        + "/api/services (adapters-netty) and the container engine's API (container discovery)");

        picocliIsUsedOnlyInBootstrap = onlyIn("picocli..", bootstrap)
                .because("the command line is parsed by bootstrap; the other modules are libraries with no CLI");

        theLoggingBackendIsUsedOnlyInBootstrap = onlyIn("ch.qos.logback..", bootstrap)
                .because("code logs through the slf4j API; choosing and configuring the backend is the composition "
                        + "root's decision");

        theMcpSdkIsUsedOnlyInBootstrapsMcpPackage = onlyIn("io.modelcontextprotocol..", base + ".bootstrap.mcp..")
                .because("`localhome mcp` is one surface beside the CLI: the SDK (and the Reactor it brings) stays "
                        + "behind LocalhomeMcpServer, and the tools reach the daemon through its HTTP API only");

        adaptersDoNotDependOnEachOther = slices().matching(base + ".adapters.(*)..").namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .because("adapters are independent implementations of domain ports; bootstrap connects them, so "
                        + "any of them can be replaced by a plugin");

        onlyBootstrapDependsOnAdapters = noClasses().that().resideOutsideOfPackages(adapters, bootstrap)
                .should().dependOnClassesThat().resideInAPackage(adapters)
                .because("domain and application reach adapters only through ports; only the composition root "
                        + "(bootstrap) knows concrete adapters");

        nothingDependsOnBootstrap = noClasses().that().resideOutsideOfPackage(bootstrap)
                .should().dependOnClassesThat().resideInAPackage(bootstrap)
                .because("bootstrap is the outermost ring that wires everything; nothing may reach back into it");

        topLevelPackagesAreFreeOfCycles = slices().matching(base + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("modules form a strict hierarchy (domain, application, adapters, bootstrap); "
                        + "a cycle between them could not even be built as Maven modules");

        packagesOutsideBootstrapAreFreeOfCycles = slices().matching(base + ".(**)").namingSlices("$1")
                .that(DescribedPredicate.describe("are outside bootstrap",
                        slice -> !slice.getNamePart(1).equals("bootstrap") && !slice.getNamePart(1).startsWith("bootstrap.")))
                .should().beFreeOfCycles()
                .because("packages inside domain, application and the adapters layer cleanly, so each can be "
                        + "understood and tested from the bottom up");

        packagesAreFreeOfCycles = slices().matching(base + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("packages inside a module should also layer cleanly, so each can be understood and "
                        + "tested from the bottom up");

        onionArchitectureHolds = onionArchitecture()
                // values with no dependency on anything else in the domain
                .domainModels(base + ".domain", base + ".domain.inspect..")
                // the routing, tunnel and forwarding rules, and the ports they and the use cases talk through
                .domainServices(base + ".domain.routing..", base + ".domain.forward..", domainPort)
                .applicationServices(application)
                .adapter("netty", nettyAdapter)
                .adapter("certs", certsAdapter)
                .adapter("discovery", discoveryAdapter)
                // the composition root may use every ring
                .ignoreDependency(resideInAPackage(bootstrap), alwaysTrue())
                // a new package must be placed in a ring
                .ensureAllClassesAreContainedInArchitectureIgnoring(bootstrap)
                .because("dependencies point inwards: adapters to application services to domain services to "
                        + "domain values, and adapters never to each other (docs/ARCHITECTURE.md, Modules and ports)");

        domainDoesNotUseNetty = noClasses().that().resideInAPackage(domain)
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("routing decisions are pure domain code; a Netty type in the domain would tie every rule "
                        + "and every port to one transport");

        portSignaturesCarryNoFrameworkTypes = codeUnits().that().areDeclaredInClassesThat().resideInAPackage(domainPort)
                .and().arePublic()
                .should(haveSignatureTypesOnlyIn("java..", domain))
                .because("ports are implemented by adapters and plugins; their signatures carry no framework type "
                        + "(docs/ARCHITECTURE.md, Modules and ports), so an implementation can use any library it likes");

        DescribedPredicate<JavaClass> serverBootstrap = assignableTo(ServerBootstrap.class);
        onlyTheListenerConstructsAServerBootstrap = noClasses().that().doNotHaveFullyQualifiedName(theListener)
                .should().callConstructorWhere(target(owner(serverBootstrap)))
                .because("there is one listener per loopback address, built in one place: intercepted CONNECT tunnels get TLS on their own channel, "
                        + "never through a second ServerBootstrap (docs/ARCHITECTURE.md, One socket)");

        theListenerConstructsTheServerBootstrap = classes().that().haveFullyQualifiedName(theListener)
                .should().callConstructorWhere(target(owner(serverBootstrap)))
                .because("the one listener is built in one known place; if it moved, the one-listener rules "
                        + "must move with it");

        DescribedPredicate<JavaCall<?>> bindsABootstrap = target(name("bind"))
                .and(target(owner(serverBootstrap.or(assignableTo(AbstractBootstrap.class).and(
                        DescribedPredicate.not(assignableTo(io.netty.bootstrap.Bootstrap.class)))))))
                .as("target is ServerBootstrap.bind");
        onlyTheListenerBindsAServerBootstrap = noClasses().that().doNotHaveFullyQualifiedName(theListener)
                .should().callCodeUnitWhere(bindsABootstrap)
                .because("only the listener (one per loopback address, 127.0.0.1 and ::1) accepts connections (docs/ARCHITECTURE.md, One socket)");

        DescribedPredicate<JavaClass> jdkListener = JDK_LISTENER_TYPES.stream()
                .map(type -> (DescribedPredicate<JavaClass>) assignableTo(type))
                .reduce((left, right) -> left.or(right))
                .orElseThrow();
        DescribedPredicate<JavaCall<?>> opensJdkListener = target(owner(jdkListener))
                .or(target(nameMatching("open(Asynchronous)?ServerSocketChannel")))
                .as("target opens a JDK listening socket (ServerSocket, ServerSocketChannel, "
                        + "AsynchronousServerSocketChannel, ServerSocketFactory, HttpServer)");
        nothingOpensAJdkListeningSocket = noClasses().that().resideInAPackage(base + "..")
                .should().callCodeUnitWhere(opensJdkListener)
                .because("no internal listener, no loopback bridge: every connection arrives on the one Netty "
                        + "listener, and discovery only reads what other processes listen on "
                        + "(docs/ARCHITECTURE.md, One socket)");

        nothingConstructsANettyServerChannel = noClasses().that().resideInAPackage(base + "..")
                .should().callConstructorWhere(target(owner(assignableTo(ServerChannel.class))))
                .because("a server channel made by hand would be a second listener beside the ServerBootstrap "
                        + "(docs/ARCHITECTURE.md, One socket)");

        pagesNeverReachIntoForwarding = noClasses().that().resideInAPackage(nettyPackages + "pages..")
                .should().dependOnClassesThat().resideInAnyPackage(nettyPackages + "forward..", nettyPackages + "backend..",
                        nettyPackages + "routing..", nettyPackages + "tunnel..", nettyPackages + "relay..")
                .because("the daemon's own pages (dashboard, API, PAC, errors) are answers, not paths: the router "
                        + "and the exchange use them, never the other way round");

        theRelayKnowsNothingOfHttp = noClasses().that().resideInAPackage(nettyPackages + "relay..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.handler.codec.http..",
                        "io.netty.handler.codec.http2..")
                .because("after a 101 or for a raw TLS tunnel the relay copies opaque bytes; whatever HTTP was "
                        + "buffered is handed over before it starts (docs/ARCHITECTURE.md, the behaviour contract)");

        DescribedPredicate<JavaClass> concreteTransport = DescribedPredicate.describe(
                "are a concrete Netty transport (Epoll*, IoUring*, KQueue*, Nio*)",
                type -> type.getPackageName().startsWith("io.netty.")
                        && type.getSimpleName().matches("(Epoll|IoUring|KQueue|Nio)[A-Z].*"));
        onlyTheTransportPackageNamesAConcreteNettyTransport = noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(nettyPackages + "transport..")
                // the engine client runs one NIO thread of its own, apart from the proxy's loops and their choice
                .and().resideOutsideOfPackage(containerDiscovery)
                .should().dependOnClassesThat(concreteTransport)
                .because("the choice of epoll, io_uring or NIO is made once, in the transport package; every other "
                        + "class takes the channel classes and event loops it chose");

        nettyAdapterPackagesAreFreeOfCycles = slices().matching(nettyPackages + "(*)..").namingSlices("netty $1")
                .should().beFreeOfCycles()
                .because("a connection's path reads top-down: routing hands off to forward and tunnel, they to "
                        + "relay, all of them stand on inbound, pages and transport; call-backs go through the "
                        + "interfaces the lower package declares (ExchangeOwner, TunnelContext)");

        noGenericExceptionIsThrown = noClasses().that().resideInAPackage(base + "..")
                .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
                .because("a failure's type says what went wrong (CommandFailure, UnusableCaException, "
                        + "IllegalArgumentException, UncheckedIOException), so a caller can tell a bad setting from a "
                        + "bug without reading the message");

        standardStreamsAreUsedOnlyByTheConsole = noClasses().that().resideInAPackage(base + "..")
                .and(DescribedPredicate.describe("are not one of " + console,
                        type -> !console.contains(type.getName())))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("stdout carries LISTENING:<port>, command output and MCP's protocol, stderr the log: only "
                        + "main (which hands both streams to the command line) and localhome mcp touch them; "
                        + "everything else writes to the PrintWriter it is given, or logs");

        loggersArePrivateStaticFinal = fields().that().haveRawType(org.slf4j.Logger.class)
                .and().areDeclaredInClassesThat().resideInAPackage(base + "..")
                .should().bePrivate().andShould().beStatic().andShould().beFinal()
                .because("one logger per class, named for it, and not shared: a class's log lines always say "
                        + "which class wrote them");

        loggingGoesThroughSlf4jOnly = noClasses().that().resideInAPackage(base + "..")
                .should().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "org.apache.logging..",
                        "org.apache.commons.logging..", "org.apache.log4j..")
                .orShould().callMethod(System.class, "getLogger", String.class)
                .because("every line goes through the slf4j API to the one backend bootstrap configures, so "
                        + "--verbose and LOCALHOME_LOG_LEVEL reach all of them");

        DescribedPredicate<JavaClass> concreteApplicationClass = DescribedPredicate.describe(
                "are concrete classes of the application (use cases), not its ports (interfaces) or values "
                        + "(records, enums)",
                type -> type.getPackageName().startsWith(base + ".application")
                        && !type.isInterface() && !type.isRecord() && !type.isEnum());
        adaptersReachTheApplicationOnlyThroughItsPorts = noClasses().that().resideInAPackage(adapters)
                .should().dependOnClassesThat(concreteApplicationClass)
                .because("an adapter serves a use case through its port, so bootstrap may hand it any implementation "
                        + "(a plugin's, a test's) and the use case may change without touching the adapter");
    }

    /**
     * From outside the netty adapter, only its root package (the door) and the listed entry points in its inner
     * packages may be used; the inner packages' public types are public for their neighbours only.
     */
    ArchRule nettyInnerPackagesAreUsedFromOutsideOnlyThrough(List<String> entryPoints) {
        List<String> qualified = entryPoints.stream().map(name -> base + "." + name).toList();
        DescribedPredicate<JavaClass> inner = DescribedPredicate.describe(
                "reside in an inner package of " + base + ".adapters.netty, other than " + qualified,
                type -> type.getPackageName().startsWith(nettyPackages) && !qualified.contains(type.getName()));
        return noClasses().that().resideOutsideOfPackage(nettyAdapter)
                .should().dependOnClassesThat(inner)
                .because("the netty adapter is wired through NettyTransports; its handlers are public only so that "
                        + "one path's package can hand a connection to the next");
    }

    static LocalhomeRules forBase(String base) {
        return new LocalhomeRules(base);
    }

    /**
     * Adapter types are package-private unless listed (names relative to the base, e.g.
     * {@code adapters.netty.NettyTransports}). Listing the entry points explicitly makes widening an adapter's
     * surface a visible decision.
     */
    ArchRule adapterTypesArePackagePrivateExcept(List<String> entryPoints) {
        String[] qualified = entryPoints.stream().map(name -> base + "." + name).toArray(String[]::new);
        DescribedPredicate<JavaClass> listed = DescribedPredicate.describe(
                "one of " + Arrays.toString(qualified),
                type -> Arrays.asList(qualified).contains(type.getName())
                        || type.getEnclosingClass().map(JavaClass::getName)
                                .filter(Arrays.asList(qualified)::contains).isPresent());
        DescribedPredicate<JavaClass> innerNettyPackage = DescribedPredicate.describe(
                "in an inner package of the netty adapter (see nettyInnerPackagesAreUsedFromOutsideOnlyThrough)",
                type -> type.getPackageName().startsWith(base + ".adapters.netty."));
        return noClasses().that().resideInAPackage(adapters).and(DescribedPredicate.not(listed))
                .and(DescribedPredicate.not(innerNettyPackage))
                .should().bePublic()
                .because("an adapter is reached through the ports it implements and one small factory; its handlers, "
                        + "parsers and helpers stay package-private so they can change freely");
    }

    private ArchRule onlyIn(String libraryPackage, String... allowedPackages) {
        return onlyIn(new String[] {libraryPackage}, allowedPackages);
    }

    private ArchRule onlyIn(String[] libraryPackages, String... allowedPackages) {
        return noClasses().that().resideInAPackage(base + "..").and().resideOutsideOfPackages(allowedPackages)
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages);
    }

    private static ArchCondition<JavaCodeUnit> haveSignatureTypesOnlyIn(String... packages) {
        DescribedPredicate<JavaClass> allowed = JavaClass.Predicates.resideInAnyPackage(packages);
        return new ArchCondition<>("have only parameter, return and thrown types in " + Arrays.toString(packages)) {
            @Override
            public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                List<String> offending = signatureTypes(codeUnit).stream()
                        .filter(type -> !type.isPrimitive() && !allowed.test(type))
                        .map(JavaClass::getName)
                        .distinct()
                        .sorted()
                        .collect(Collectors.toList());
                boolean satisfied = offending.isEmpty();
                String message = satisfied
                        ? codeUnit.getFullName() + " has only allowed signature types"
                        : codeUnit.getFullName() + " has framework types in its signature: " + offending;
                events.add(new SimpleConditionEvent(codeUnit, satisfied, message));
            }
        };
    }

    private static List<JavaClass> signatureTypes(JavaCodeUnit codeUnit) {
        // generic signature (return, parameters, type parameters) plus the throws clause
        var types = new java.util.ArrayList<>(codeUnit.getAllInvolvedRawTypes());
        codeUnit.getExceptionTypes().forEach(type -> types.add(type.getBaseComponentType()));
        return types;
    }
}
