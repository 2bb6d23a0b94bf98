package dev.localhome.adapters.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PsEnvironmentLinesTest {

    @Test
    void linesAreKeyedByPid() {
        assertThat(PsEnvironmentLines.byPid(Fixtures.text("ps-commands.txt")))
                .containsEntry(1L, "/sbin/launchd")
                .containsEntry(41400L,
                        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome --remote-debugging-port=9222")
                .hasSize(6);
    }

    @Test
    void findsNameBetweenVariablesWhoseValuesContainBlanks() {
        String command = "node vite --port 3000";
        String withEnvironment = command + " PWD=/Users/ann/My Projects/web NAME=web SECRET=a b c";

        assertThat(PsEnvironmentLines.name(withEnvironment, command)).contains("web");
    }

    @Test
    void aNameGivenAsACommandArgumentIsNotTheEnvironment() {
        String command = "make NAME=release";

        assertThat(PsEnvironmentLines.name(command + " HOME=/Users/ann", command)).isEmpty();
    }

    @Test
    void withoutTheCommandTheLastNameWins() {
        assertThat(PsEnvironmentLines.name("make NAME=release HOME=/Users/ann NAME=web", "")).contains("web");
    }

    @Test
    void aProcessWithoutNameHasNone() {
        assertThat(PsEnvironmentLines.name("/sbin/launchd", "/sbin/launchd")).isEmpty();
    }

    @Test
    void variablesThatMerelyEndInNameDoNotCount() {
        assertThat(PsEnvironmentLines.name("sshd HOSTNAME=box USERNAME=ann", "sshd")).isEmpty();
    }
}
