package dev.localhome.bootstrap.cli.service;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What to tell a user whose system has no systemd user manager (a container, WSL without systemd, a machine without
 * systemd): how to have localhome start at login anyway, and how to start it now.
 */
public final class LoginStart {
    private LoginStart() {}

    /**
     * @param why what systemctl said, or that there is none
     * @param statusCommand {@code <launcher> status <flags>}, exit 0 when a daemon answers
     * @param startCommand {@code LOCALHOME_LOG_FILE=... nohup <launcher> run <flags> >/dev/null 2>&1 &}
     * @param user the user's login name, for {@code loginctl}
     */
    public static void explain(String why, String statusCommand, String startCommand, String user, boolean startedNow,
                               Path logFile, PrintWriter out) {
        out.println("There is no systemd user manager here (" + why + "), so nothing starts localhome at login by "
                + "itself.");
        out.println("To start it at every login, add this line to ~/.profile (read by login shells: terminals, ssh, "
                + "WSL):");
        out.println("    " + statusCommand + " >/dev/null 2>&1 || " + startCommand);
        out.println("Or give it a service manager, then run 'localhome install' again:");
        out.println("  - WSL: put these two lines in /etc/wsl.conf, then run 'wsl --shutdown' in Windows:  [boot]  "
                + "systemd=true");
        out.println("  - a machine with systemd, over ssh without a login session:  loginctl enable-linger " + user);
        if (!startedNow) out.println("To start it now: localhome install --now   (or run the line above)");
        out.println("Logs: " + logFile + " (localhome logs -f)");
    }
}
