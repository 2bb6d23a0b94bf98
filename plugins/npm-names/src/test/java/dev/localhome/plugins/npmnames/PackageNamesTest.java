package dev.localhome.plugins.npmnames;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.domain.ServiceName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackageNamesTest {
    private static byte[] environ(String... entries) {
        return String.join("\0", entries).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePackageNameIsFoundAmongOtherVariables() {
        PackageNames.Found found = PackageNames.inEnvironment(environ("PATH=/bin", "npm_package_name=my-shop",
                "SECRET=hunter2"));

        assertThat(found.hasName()).isFalse();
        assertThat(found.packageName()).contains("my-shop");
    }

    @Test
    void aProcessWithNameIsLeftToLocalhomesOwnDiscovery() {
        assertThat(PackageNames.inEnvironment(environ("NAME=app", "npm_package_name=my-shop")).hasName()).isTrue();
        assertThat(PackageNames.inEnvironment(environ("NAME=", "npm_package_name=x")).hasName()).isFalse();
        assertThat(PackageNames.inEnvironment(environ("NAMESPACE=x")).hasName()).isFalse();
    }

    @Test
    void anEnvironmentWithoutThePackageNameHasNone() {
        assertThat(PackageNames.inEnvironment(environ("npm_package_version=1.0.0")).packageName()).isEmpty();
        assertThat(PackageNames.inEnvironment(new byte[0]).packageName()).isEmpty();
    }

    @Test
    void scopedAndOddPackageNamesBecomeServiceNames() {
        assertThat(PackageNames.serviceName("@acme/My Shop")).contains(new ServiceName("my-shop"));
        assertThat(PackageNames.serviceName("web.app")).contains(new ServiceName("web-app"));
        assertThat(PackageNames.serviceName("shop_2")).contains(new ServiceName("shop_2"));
        assertThat(PackageNames.serviceName("@@@")).isEmpty();
    }
}
