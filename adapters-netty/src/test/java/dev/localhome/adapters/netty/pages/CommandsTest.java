package dev.localhome.adapters.netty.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandsTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', value = {
            "node server.js --token=abc123 --port 3000 | node server.js --token=*** --port 3000",
            "node server.js --token abc123 --port 3000 | node server.js --token *** --port 3000",
            "vite --api-key sk_live_1 --host | vite --api-key *** --host",
            "app --apiKey=x1 --clientSecret=y2 | app --apiKey=*** --clientSecret=***",
            "env DB_PASSWORD=hunter2 PGPASSWD=x npm start | env DB_PASSWORD=*** PGPASSWD=*** npm start",
            "java -Ddb.password=hunter2 -Dserver.port=8080 -jar app.jar | java -Ddb.password=*** -Dserver.port=8080 -jar app.jar",
            "psql postgres://ann:hunter2@db:5432/app | psql postgres://ann:***@db:5432/app",
            "curl -H Authorization: Bearer abc.def.ghi http://x | curl -H Authorization: Bearer *** http://x",
            "curl -H X-Api-Key: abc http://x | curl -H X-Api-Key: *** http://x",
            "deploy ghp_abcdefghijklmnopqrstuvwxyz0123 | deploy ghp_***",
            "aws AKIAIOSFODNN7EXAMPLE | aws AKIA***",
            "password=hunter2 ./serve | password=*** ./serve",
            "--secret=a | --secret=***",
    })
    void hidesWhatLooksLikeASecret(String command, String shown) {
        assertThat(Commands.shorten(command)).isEqualTo(shown);
        assertThat(shown).doesNotContain("hunter2").doesNotContain("abc123");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "node /home/ann/web/node_modules/.bin/vite --port 3000 --host",
            "python3 -m http.server 8000",
            "npm run dev -- --keep-alive-timeout 5 --keyboard on",
            "/usr/bin/gnome-keyring-daemon --start --components=ssh",
            "node task-runner-with-a-long-name.js --disk-cache-size-limit=100",
            "make NAME=web",
    })
    void leavesOrdinaryCommandsAlone(String command) {
        assertThat(Commands.shorten(command)).isEqualTo(command);
    }

    @Test
    void aFlagWithoutAValueHidesNothingAfterIt() {
        assertThat(Commands.shorten("serve --token --verbose")).isEqualTo("serve --token --verbose");
    }

    @Test
    void longCommandsAreCutWithAnEllipsisAfterSecretsAreHidden() {
        String command = "node server.js --token=" + "t".repeat(50) + " " + "x".repeat(Commands.MAX_LENGTH + 100);

        String shown = Commands.shorten(command);

        assertThat(shown).hasSize(Commands.MAX_LENGTH).endsWith("…").startsWith("node server.js --token=*** xxx")
                .doesNotContain("ttt");
    }

    @Test
    void emptyStaysEmptyAndBlanksAreTrimmed() {
        assertThat(Commands.shorten("")).isEmpty();
        assertThat(Commands.shorten("  vite  ")).isEqualTo("vite");
    }
}
