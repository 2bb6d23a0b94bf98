package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.LogFile;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The text of {@code ~/.config/systemd/user/localhome.service}: runs the daemon, restarts it when it fails, logs to
 * a rolling file. A pure function of its inputs, so tests compare it with a golden text.
 *
 * <p>Quoting follows systemd.service(5) and systemd.unit(5): words with spaces or quotes are double-quoted, {@code %}
 * (a specifier) is written {@code %%}, {@code $} (a variable) {@code $$}.
 */
final class SystemdUnit {
    static final String FILE_NAME = "localhome.service";

    private SystemdUnit() {}

    static String text(DaemonLaunch launch, Path logFile) {
        return """
                # Written by 'localhome install'; 'localhome uninstall' removes it. The next install overwrites edits.
                [Unit]
                Description=localhome: a name for every local dev server
                After=network.target

                [Service]
                Type=simple
                ExecStart=%s
                Environment=%s
                Restart=on-failure
                RestartSec=2

                [Install]
                WantedBy=default.target
                """.formatted(
                launch.command().stream().map(SystemdUnit::word).collect(Collectors.joining(" ")),
                word(LogFile.VARIABLE + "=" + logFile));
    }

    /** One word of a command line or an assignment, as systemd reads it back. */
    static String word(String text) {
        String escaped = text.replace("%", "%%").replace("$", "$$");
        if (escaped.matches("[A-Za-z0-9_@%+=:,./-]+")) return escaped;
        return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
