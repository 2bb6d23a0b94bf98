package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortChoiceTest {

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("a single port is the choice", List.of(5173), 5173),
                Arguments.of("the lowest port wins", List.of(8080, 3000, 5173), 3000),
                Arguments.of("the node inspector port 9229 is dropped", List.of(9229, 9300), 9300),
                Arguments.of("the Chrome debugging port 9222 is dropped", List.of(9222, 9300), 9300),
                Arguments.of("the legacy node debug port 5858 is dropped", List.of(5858, 8000), 8000),
                Arguments.of("ephemeral ports from 49152 are dropped", List.of(49_152, 50_000, 60_000, 49_151), 49_151),
                Arguments.of("debug and ephemeral ports both drop", List.of(5858, 9222, 9229, 49_152, 24_678), 24_678),
                Arguments.of("with only debug ports the lowest of all wins", List.of(9229, 5858, 9222), 5858),
                Arguments.of("with only ephemeral ports the lowest of all wins", List.of(60_000, 49_152, 50_000), 49_152),
                Arguments.of("with debug and ephemeral only the lowest of all wins", List.of(50_000, 9229), 9229));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void choosesTheServingPort(String sentence, List<Integer> ports, int expected) {
        assertThat(PortChoice.choose(ports)).isEqualTo(expected);
    }

    @Test
    void aServiceWithoutPortsIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortChoice.choose(List.of()));
    }
}
