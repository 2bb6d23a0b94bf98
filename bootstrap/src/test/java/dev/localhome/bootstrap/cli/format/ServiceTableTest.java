package dev.localhome.bootstrap.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.bootstrap.cli.scan.ScanJson;
import dev.localhome.domain.Listener;
import dev.localhome.domain.ProcessInfo;
import dev.localhome.domain.ServiceCatalog;
import dev.localhome.domain.ServiceName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTableTest {
    @Test
    void everyPortOfAServiceHasARowWithItsUrlTheChosenOneFirst() {
        ServiceName app = new ServiceName("app");
        ProcessInfo node = new ProcessInfo(42, "node server.js");
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.of(app, 9229, node), Listener.of(app, 3000, node),
                Listener.of(app, 3001, node)));

        assertThat(ServiceTable.render(catalog.services(), 9090)).isEqualTo("""
                NAME  PORT  URL                              PID  COMMAND
                app   3000  http://app.localhost:9090/       42   node server.js
                      3001  http://3001.app.localhost:9090/
                      9229  http://9229.app.localhost:9090/
                """);
    }

    @Test
    void scanJsonListsEveryPortWithItsUrl() {
        ServiceName app = new ServiceName("app");
        ServiceCatalog catalog = ServiceCatalog.of(List.of(Listener.withoutProcess(app, 3000),
                Listener.withoutProcess(app, 3001)));

        assertThat(ScanJson.render(catalog.services(), 9090))
                .contains("\"ports\" : [ 3000, 3001 ]")
                .contains("\"url\" : \"http://app.localhost:9090/\"")
                .contains("\"port\" : 3001,\n      \"address\" : \"127.0.0.1\",\n      \"chosen\" : false,\n"
                        + "      \"url\" : \"http://3001.app.localhost:9090/\"");
    }
}
