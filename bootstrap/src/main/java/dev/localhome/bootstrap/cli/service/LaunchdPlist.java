package dev.localhome.bootstrap.cli.service;

import dev.localhome.bootstrap.cli.common.LogFile;
import java.nio.file.Path;

/**
 * The text of {@code ~/Library/LaunchAgents/dev.localhome.plist}: starts the daemon at login, starts it again when it
 * fails, logs to a rolling file (its stdout and stderr, a line or two, go to a file beside it). A pure function.
 */
final class LaunchdPlist {
    static final String LABEL = "dev.localhome";
    static final String FILE_NAME = LABEL + ".plist";

    private LaunchdPlist() {}

    static String text(DaemonLaunch launch, Path logFile, Path outputFile) {
        StringBuilder arguments = new StringBuilder();
        for (String word : launch.command()) arguments.append("    <string>").append(xml(word)).append("</string>\n");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by 'localhome install'; 'localhome uninstall' removes it. The next install overwrites edits. -->
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>%s</string>
                  <key>ProgramArguments</key>
                  <array>
                %s  </array>
                  <key>EnvironmentVariables</key>
                  <dict>
                    <key>%s</key>
                    <string>%s</string>
                  </dict>
                  <key>RunAtLoad</key>
                  <true/>
                  <!-- started again when it fails, not when it stops cleanly (like systemd's Restart=on-failure) -->
                  <key>KeepAlive</key>
                  <dict>
                    <key>SuccessfulExit</key>
                    <false/>
                  </dict>
                  <key>StandardOutPath</key>
                  <string>%s</string>
                  <key>StandardErrorPath</key>
                  <string>%s</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments, LogFile.VARIABLE, xml(logFile.toString()), xml(outputFile.toString()),
                xml(outputFile.toString()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
