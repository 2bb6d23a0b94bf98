package dev.localhome.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.Listener;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamedHostTest {
    /** app, shop, and api.shop nested in it; 3000.web is a name whose first label happens to be digits. */
    private static final ServiceCatalog CATALOG = ServiceCatalog.of(List.of(
            Listener.withoutProcess(new ServiceName("app"), 5173),
            Listener.withoutProcess(new ServiceName("shop"), 3000),
            Listener.withoutProcess(new ServiceName("api.shop"), 3001),
            Listener.withoutProcess(new ServiceName("web"), 8080),
            Listener.withoutProcess(new ServiceName("3000.web"), 8081)));

    @ParameterizedTest(name = "{0} asks for {1} at port {2}")
    @CsvSource(nullValues = "-", value = {
            "app,               app,      -",
            "3000.app,          app,      3000",
            "a.app,             app,      -",
            "a.b.app,           app,      -",
            "a.3000.app,        app,      3000",
            "3000.a.app,        app,      -",       // the digit label does not touch the name: part of the subdomain
            "api.shop,          api.shop, -",       // the longest name wins over shop with subdomain api
            "v2.api.shop,       api.shop, -",
            "4000.api.shop,     api.shop, 4000",
            "admin.shop,        shop,     -",
            "3000.web,          3000.web, -",       // a name that looks like a port stays a name
            "1.3000.web,        3000.web, 1",
            "4000.web,          web,      4000",
            "65535.app,         app,      65535",
            "03000.app,         app,      3000",
    })
    void resolvesTheLongestKnownNameThenAPortThenASubdomain(String labels, String name, Integer port) {
        assertThat(NamedHost.resolve(labels, CATALOG)).contains(new NamedHost(new ServiceName(name),
                port == null ? OptionalInt.empty() : OptionalInt.of(port)));
    }

    @ParameterizedTest(name = "{0} asks for nothing that runs")
    @CsvSource({
            "nope",
            "a.nope",
            "3000.nope",
            "app.nope",    // app is a subdomain label here, not the name
            "0.app",       // no TCP port
            "65536.app",
            "999999.app",
            "a..app",      // no label may be empty
            "a_b c.app",
            "''",
    })
    void refusesWhatNoKnownNameEndsWith(String labels) {
        assertThat(NamedHost.resolve(labels, CATALOG)).isEqualTo(Optional.empty());
    }
}
