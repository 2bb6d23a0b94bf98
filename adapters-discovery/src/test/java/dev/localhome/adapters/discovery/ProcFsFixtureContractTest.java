package dev.localhome.adapters.discovery;

import dev.localhome.domain.ServiceName;
import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The procfs source over a fixture with one named, one unnamed and one unreachable listener. */
class ProcFsFixtureContractTest extends ServiceDiscoveryContract {
    @TempDir Path root;

    @Override
    protected ServiceDiscovery discovery() {
        try {
            new ProcFixture(root)
                    .tcp("0100007F:1F90", "0A", 111)
                    .tcp("0501A8C0:0FA0", "0A", 222)
                    .tcp6("00000000000000000000000001000000:0BB9", "0A", 333)
                    .tables()
                    .process(42, "NAME=web|", "vite|", 111, 222, 333)
                    .process(43, "HOME=/root|", "postgres|", 444);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProcFsServiceDiscovery(root, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    protected Set<ServiceName> namesThatMustBeFound() {
        return Set.of(new ServiceName("web"));
    }
}
