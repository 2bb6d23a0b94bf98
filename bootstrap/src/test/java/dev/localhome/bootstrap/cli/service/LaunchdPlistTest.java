package dev.localhome.bootstrap.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class LaunchdPlistTest {
    private static final DaemonLaunch LAUNCH = new DaemonLaunch(
            Path.of("/Library/Java/JavaVirtualMachines/jdk-17/Contents/Home/bin/java"),
            List.of("-XX:+UseSerialGC", "-Xmx64m", "-jar", "/Users/me/Apps & Tools/localhome.jar", "--port", "9090"));

    @Test
    void thePlistStartsTheDaemonAtLoginKeepsItAliveAfterFailuresAndLogsToFiles() {
        assertThat(LaunchdPlist.text(LAUNCH, Path.of("/Users/me/.local/state/localhome/localhome.log"),
                Path.of("/Users/me/.local/state/localhome/launchd-output.log"))).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by 'localhome install'; 'localhome uninstall' removes it. The next install overwrites edits. -->
                <plist version="1.0">
                <dict>
                  <key>Label</key>
                  <string>dev.localhome</string>
                  <key>ProgramArguments</key>
                  <array>
                    <string>/Library/Java/JavaVirtualMachines/jdk-17/Contents/Home/bin/java</string>
                    <string>-XX:+UseSerialGC</string>
                    <string>-Xmx64m</string>
                    <string>-jar</string>
                    <string>/Users/me/Apps &amp; Tools/localhome.jar</string>
                    <string>--port</string>
                    <string>9090</string>
                  </array>
                  <key>EnvironmentVariables</key>
                  <dict>
                    <key>LOCALHOME_LOG_FILE</key>
                    <string>/Users/me/.local/state/localhome/localhome.log</string>
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
                  <string>/Users/me/.local/state/localhome/launchd-output.log</string>
                  <key>StandardErrorPath</key>
                  <string>/Users/me/.local/state/localhome/launchd-output.log</string>
                </dict>
                </plist>
                """);
    }

    @Test
    void thePlistIsWellFormedXmlWhoseArgumentsReadBackUnchanged() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // no network: the DTD is Apple's, and only well-formedness is checked here
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document plist = factory.newDocumentBuilder().parse(new InputSource(new StringReader(
                LaunchdPlist.text(LAUNCH, Path.of("/l/x.log"), Path.of("/l/o.log")))));

        assertThat(plist.getElementsByTagName("array").item(0).getTextContent().strip().split("\\s*\\n\\s*"))
                .containsExactly("/Library/Java/JavaVirtualMachines/jdk-17/Contents/Home/bin/java", "-XX:+UseSerialGC",
                        "-Xmx64m", "-jar",
                        "/Users/me/Apps & Tools/localhome.jar", "--port", "9090");
    }
}
