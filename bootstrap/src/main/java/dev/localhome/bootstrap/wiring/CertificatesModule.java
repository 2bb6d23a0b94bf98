package dev.localhome.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.localhome.adapters.certs.CertificateAuthorities;
import dev.localhome.bootstrap.config.Config;
import dev.localhome.bootstrap.config.Environment;
import dev.localhome.domain.port.CertificateAuthority;

/**
 * The certificate authority: the CA the user named, mkcert's, or localhome's own; none turns interception off. Live:
 * a CA created, replaced or removed while the daemon runs is picked up (the daemon closes its watcher).
 */
final class CertificatesModule extends AbstractModule {
    @Provides
    @Singleton
    CertificateAuthority certificateAuthority(Config config, Environment environment) {
        return CertificateAuthorities.live(config.mkcertCaRoot(), environment.variablesWithHome());
    }
}
