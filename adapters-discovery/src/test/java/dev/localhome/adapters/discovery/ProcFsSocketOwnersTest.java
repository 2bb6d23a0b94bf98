package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsSocketOwnersTest {
    @TempDir Path root;
    private ProcFixture proc;
    private ProcFsSocketOwners owners;

    @BeforeEach
    void fixture() {
        proc = new ProcFixture(root);
        owners = new ProcFsSocketOwners(root);
    }

    @Test
    void theProcessesAreSearchedOnceWhileTheSocketsAndTheirHoldersStayTheSame() throws IOException {
        proc.process(42, "NAME=web|", "vite|", 111).process(43, "NAME=api|", "node|", 112);

        for (int i = 0; i < 3; i++) {
            assertThat(owners.owning(Set.of(111L, 112L)).inodesByPid()).isEqualTo(Map.of(42L, List.of(111L), 43L, List.of(112L)));
        }
        assertThat(owners.searches()).isEqualTo(1);
    }

    @Test
    void aNewSocketIsSearchedForAndAGoneOneForgotten() throws IOException {
        proc.process(42, "NAME=web|", "vite|", 111);
        owners.owning(Set.of(111L));

        proc.process(44, "NAME=api|", "node|", 112);
        assertThat(owners.owning(Set.of(111L, 112L)).inodesByPid()).isEqualTo(Map.of(42L, List.of(111L), 44L, List.of(112L)));
        assertThat(owners.owning(Set.of(112L)).inodesByPid()).isEqualTo(Map.of(44L, List.of(112L)));
        assertThat(owners.searches()).isEqualTo(2);
    }

    @Test
    void aSocketWhoseHoldersAllLetGoIsSearchedForAgain() throws IOException {
        proc.process(42, "NAME=web|", "npm|", 111);
        assertThat(owners.owning(Set.of(111L)).foundNow()).containsExactly(42L);

        proc.exit(42).process(43, "NAME=web|", "node|", 111);
        ProcFsSocketOwners.Owners now = owners.owning(Set.of(111L));

        assertThat(now.inodesByPid()).isEqualTo(Map.of(43L, List.of(111L)));
        assertThat(now.foundNow()).containsExactly(43L);
    }

    @Test
    void aHolderThatLetGoIsDroppedWhileAnotherStillHoldsTheSocket() throws IOException {
        proc.process(42, "NAME=api|", "gunicorn|master|", 111).process(43, "NAME=api|", "gunicorn|worker|", 111);
        owners.owning(Set.of(111L));

        proc.exit(43);

        assertThat(owners.owning(Set.of(111L)).inodesByPid()).isEqualTo(Map.of(42L, List.of(111L)));
        assertThat(owners.searches()).isEqualTo(1);
    }

    @Test
    void onlyProcessesWithANameAreSearched() throws IOException {
        proc.process(42, "HOME=/root|", "postgres|", 111).process(43, "NAME=web|", "vite|", 112);

        assertThat(owners.owning(Set.of(111L, 112L)).inodesByPid()).isEqualTo(Map.of(43L, List.of(112L)));
        // held by nobody with a name: remembered as such, not searched for at every call
        owners.owning(Set.of(111L, 112L));
        assertThat(owners.searches()).isEqualTo(1);
    }
}
