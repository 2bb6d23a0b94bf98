package dev.localhome.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import dev.localhome.adapters.netty.NettyTransports;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.ConfigException;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.bootstrap.config.TransportSetting;
import dev.localhome.domain.port.ProxyTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportChoiceTest {
    @TempDir
    Path home;

    @Test
    void aTransportThatCannotLoadIsAConfigErrorNamingWhereItWasChosenAndWhy() {
        TransportSetting setting = new TransportSetting("io_uring", "/p/localhome.local.json: key 'transport'");

        assertThatThrownBy(() -> NettyTransportModule.loadable(setting, name -> Optional.of("io_uring_setup: EPERM")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("/p/localhome.local.json: key 'transport': the io_uring transport cannot load on this "
                        + "machine: io_uring_setup: EPERM — choose \"auto\" (the fastest that loads) or another of "
                        + "epoll, io_uring, nio");
    }

    @Test
    void autoAlwaysLoads() {
        assertThat(NettyTransportModule.loadable(TransportSetting.AUTO, NettyTransports::whyTransportUnavailable))
                .isEqualTo("auto");
    }

    @Test
    void theDaemonServesOnTheTransportItsConfigNamesAndSaysSo() throws Exception {
        Config config = Config.defaults().withPort(0).withTransport(new TransportSetting("nio", "test"));
        Injector injector = Wiring.injector(config, Environment.of(Map.of("HOME", home.toString()), home, home),
                Plugins.none());
        ProxyTransport transport = injector.getInstance(ProxyTransport.class);
        int port = transport.start("127.0.0.1", 0);
        try {
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.body()).contains("\"transport\":\"nio\"");
        } finally {
            transport.stop(Duration.ZERO);
        }
    }
}
