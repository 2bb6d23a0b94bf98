package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DiscoveriesTest {

    @Test
    void linuxIsDiscoveredThroughProc() {
        assertThat(Discoveries.forOs("Linux").sourceName()).isEqualTo("procfs");
    }

    @Test
    void macOsIsDiscoveredThroughLsof() {
        assertThat(Discoveries.forOs("Mac OS X").sourceName()).isEqualTo("lsof");
    }

    @Test
    void anyOtherPlatformFindsNothing() throws IOException {
        assertThat(Discoveries.forOs("Windows 11").scan()).isEmpty();
        assertThat(Discoveries.forOs("FreeBSD").sourceName()).isEqualTo("none");
    }
}
