package dev.localhome.adapters.netty.tunnel;

import dev.localhome.adapters.netty.NettyTransports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.localhome.adapters.netty.testing.TestCa;
import dev.localhome.domain.ServiceName;
import io.netty.handler.ssl.OpenSsl;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS self-check builds a real context for a name, in the library the proxy would use. */
class TlsCheckTest {
    @TempDir
    Path caDirectory;

    @Test
    void checkTlsBuildsAContextWithBoringSslWhereItLoads() {
        assumeTrue(OpenSsl.isAvailable(), "netty-tcnative ships for linux-x86_64 only");
        TestCa ca = new TestCa(caDirectory);
        assertThat(NettyTransports.checkTls(ca.authority(), new ServiceName("app"))).isEqualTo("OPENSSL");
    }

    @Test
    void checkTlsNamesTheJdkWhenAskedToUseIt() {
        System.setProperty("localhome.tls.provider", "jdk");
        try {
            TestCa ca = new TestCa(caDirectory);
            assertThat(NettyTransports.checkTls(ca.authority(), new ServiceName("app"))).isEqualTo("JDK");
        } finally {
            System.clearProperty("localhome.tls.provider");
        }
    }
}
