package dev.localhome.adapters.discovery;

import static dev.localhome.adapters.discovery.ProcFixture.row;
import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.discovery.ProcNetTcpTable.ListeningSocket;
import dev.localhome.domain.Endpoint;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProcNetTcpTableTest {
    private static final String LISTEN = "0A";

    private static List<ListeningSocket> listening(String... rows) {
        return ProcNetTcpTable.listening(List.of(rows), LITTLE_ENDIAN);
    }

    @ParameterizedTest(name = "{0} is reached at {1}")
    @CsvSource({
        "0100007F:1F90, 127.0.0.1, 8080",                            // 127.0.0.1
        "3500007F:0035, 127.0.0.1, 53",                              // 127.0.0.53
        "00000000:0BB8, 127.0.0.1, 3000",                            // 0.0.0.0
        "00000000000000000000000001000000:0BB8, ::1, 3000",          // ::1
        "00000000000000000000000000000000:0BB9, 127.0.0.1, 3001",    // ::
        "0000000000000000FFFF00000100007F:0BBA, 127.0.0.1, 3002",    // ::ffff:127.0.0.1
        "0000000000000000FFFF000000000000:0BBB, 127.0.0.1, 3003",    // ::ffff:0.0.0.0
    })
    void aListenerReachableOnLoopbackGetsItsLoopbackEndpoint(String local, String loopback, int port) {
        assertThat(listening(ProcFixture.TCP_HEADER, row(local, LISTEN, 777)))
                .containsExactly(new ListeningSocket(777, new Endpoint(loopback, port)));
    }

    @ParameterizedTest(name = "{0} is skipped")
    @CsvSource({
        "0501A8C0:0FA0",                             // 192.168.1.5
        "000080FE000000000000000001000000:0FA0",     // fe80::1
        "B80D0120000000000000000005000000:0FA0",     // 2001:db8::5
        "0000000000000000FFFF00000501A8C0:0FA0",     // ::ffff:192.168.1.5
    })
    void aListenerOnASpecificOtherAddressIsSkipped(String local) {
        assertThat(listening(row(local, LISTEN, 777))).isEmpty();
    }

    @Test
    void onlyListenRowsCount() {
        assertThat(listening(
                        row("0100007F:1F90", "01", 1),  // ESTABLISHED
                        row("0100007F:1F91", "06", 2),  // TIME_WAIT
                        row("0100007F:1F92", "0A", 3),  // LISTEN
                        row("0100007F:1F93", "08", 4))) // CLOSE_WAIT
                .extracting(ListeningSocket::inode)
                .containsExactly(3L);
    }

    @Test
    void theListenersEndAtTheFirstConnectionButNotAtAPendingOneOrTheHeader() {
        assertThat(ProcNetTcpTable.isPastListeners(ProcFixture.TCP_HEADER)).isFalse();
        assertThat(ProcNetTcpTable.isPastListeners(ProcFixture.TCP6_HEADER)).isFalse();
        assertThat(ProcNetTcpTable.isPastListeners(row("0100007F:1F90", "0A", 1))).isFalse();
        assertThat(ProcNetTcpTable.isPastListeners(row("0100007F:1F90", "03", 1))).as("SYN_RECV").isFalse();
        assertThat(ProcNetTcpTable.isPastListeners(row("0100007F:1F90", "01", 1))).as("ESTABLISHED").isTrue();
        assertThat(ProcNetTcpTable.isPastListeners(row("0100007F:1F90", "06", 1))).as("TIME_WAIT").isTrue();
    }

    @Test
    void malformedRowsAndTheHeaderAreSkipped() {
        assertThat(listening(
                        ProcFixture.TCP_HEADER,
                        "",
                        row("zz00007F:1F90", LISTEN, 1),
                        row("0100007F", LISTEN, 2),
                        row("0100007F:1F90", LISTEN, 0),
                        row("0100007F:1F94", LISTEN, 5)))
                .extracting(ListeningSocket::inode)
                .containsExactly(5L);
    }

    @Test
    void aBigEndianKernelPrintsAddressesTheOtherWayRound() {
        assertThat(ProcNetTcpTable.listening(List.of(row("7F000001:1F90", LISTEN, 9)), BIG_ENDIAN))
                .containsExactly(new ListeningSocket(9, Endpoint.loopback(8080)));
    }

    @Test
    void onlyRowsInTheListenStateAreListenRows() {
        assertThat(ProcNetTcpTable.isListenRow("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1")).isTrue();
        assertThat(ProcNetTcpTable.isListenRow("   1: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 113 1")).isFalse();
        assertThat(ProcNetTcpTable.isListenRow("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")).isFalse();
        assertThat(ProcNetTcpTable.isListenRow("   2: 0100007F:1F90 00000000:0000 0A0")).isFalse();
        assertThat(ProcNetTcpTable.isListenRow("   3: 0100007F:1F90")).isFalse();
        assertThat(ProcNetTcpTable.isListenRow("")).isFalse();
    }
}
