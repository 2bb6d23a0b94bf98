package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.discovery.LsofListenTable.LsofListener;
import dev.localhome.domain.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LsofListenTableTest {

    @Test
    void readsEveryLoopbackReachableRowOfTheTable() {
        assertThat(LsofListenTable.parse(Fixtures.text("lsof-listen.txt"))).containsExactly(
                new LsofListener(1, Endpoint.loopback(22)),
                new LsofListener(41235, Endpoint.loopback(3000)),
                new LsofListener(41235, new Endpoint("::1", 3000)),
                new LsofListener(41300, Endpoint.loopback(8000)),
                new LsofListener(41300, Endpoint.loopback(8000)),
                new LsofListener(41400, Endpoint.loopback(9222)),
                new LsofListener(41500, Endpoint.loopback(8080)));
    }

    @ParameterizedTest(name = "{0} is reached at {1}")
    @CsvSource({
        "127.0.0.1:3000, 127.0.0.1",
        "*:3000, 127.0.0.1",
        "[::1]:3000, ::1",
        "[::]:3000, 127.0.0.1",
        "0.0.0.0:3000, 127.0.0.1",
        "[::ffff:127.0.0.1]:3000, 127.0.0.1",
    })
    void aNameColumnReachableOnLoopbackGivesItsEndpoint(String name, String loopback) {
        assertThat(LsofListenTable.endpoint(name)).contains(new Endpoint(loopback, 3000));
    }

    @ParameterizedTest(name = "{0} is skipped")
    @ValueSource(strings = {"192.168.1.5:3000", "[fe80::1%lo0]:3000", "localhost:3000", "127.0.0.1:0", "*:http", ":3000"})
    void otherNameColumnsAreSkipped(String name) {
        assertThat(LsofListenTable.endpoint(name)).isEmpty();
    }

    @Test
    void emptyOutputMeansNothingListens() {
        assertThat(LsofListenTable.parse("")).isEmpty();
    }
}
