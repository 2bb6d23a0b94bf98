package dev.localhome.adapters.discovery;

import dev.localhome.domain.port.ServiceDiscovery;
import dev.localhome.domain.port.ServiceDiscoveryContract;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The procfs source over this machine's real /proc, whatever happens to be running. */
@EnabledOnOs(OS.LINUX)
class ProcFsRealMachineContractTest extends ServiceDiscoveryContract {
    @Override
    protected ServiceDiscovery discovery() {
        return Discoveries.procFs(Path.of("/proc"));
    }
}
