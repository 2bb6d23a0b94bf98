package dev.localhome.adapters.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.CertificateAuthority;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoCaTest {
    @TempDir
    Path home;

    @Test
    void withoutAnyCaTheRootIsEmptyAndNoIdentityIsMinted() {
        // an empty PATH: even a real mkcert on this machine is not asked
        CertificateAuthority authority = CertificateAuthorities.locate(Optional.empty(),
                Map.of("HOME", home.toString(), "PATH", ""));

        assertThat(authority.root()).isEmpty();
        assertThatThrownBy(() -> authority.identityFor(new ServiceName("app")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interception is off");
    }
}
