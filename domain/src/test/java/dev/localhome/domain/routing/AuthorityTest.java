package dev.localhome.domain.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorityTest {

    static Stream<Arguments> wellFormed() {
        return Stream.of(
                Arguments.of("app", "app", OptionalInt.empty()),
                Arguments.of("app.localhost:9090", "app.localhost", OptionalInt.of(9090)),
                Arguments.of("App.LocalHost:9090", "app.localhost", OptionalInt.of(9090)),
                Arguments.of("[::1]:9090", "::1", OptionalInt.of(9090)),
                Arguments.of("[::1]", "::1", OptionalInt.empty()),
                Arguments.of("127.0.0.1:80", "127.0.0.1", OptionalInt.of(80)),
                Arguments.of("app.localhost.", "app.localhost", OptionalInt.empty()),
                Arguments.of("localhost.:9090", "localhost", OptionalInt.of(9090)),
                Arguments.of("app:1", "app", OptionalInt.of(1)),
                Arguments.of("app:65535", "app", OptionalInt.of(65_535)),
                Arguments.of("app:00443", "app", OptionalInt.of(443)),
                Arguments.of("example.com:443", "example.com", OptionalInt.of(443)));
    }

    @ParameterizedTest(name = "''{0}'' is host ''{1}'', port {2}")
    @MethodSource("wellFormed")
    void parsesHostAndOptionalPort(String text, String host, OptionalInt port) {
        assertThat(Authority.parse(text)).contains(new Authority(host, port));
    }

    @ParameterizedTest(name = "''{0}'' is malformed")
    @NullAndEmptySource
    @ValueSource(strings = {
        "user@app", "user@app:443", "user:pw@app:443", "app x", " app", "app ", "app\t", "app/x", "app\\x",
        "app:0", "app:65536", "app:99999", "app:123456", "app:abc", "app:-1", "app:+80", "app:", ":80",
        "::1", "::1:443", "[::1", "[::1]x", "[::1]:", "[::1]:0", "ä.localhost", "app\u0000",
        "[app]:443", "[app.localhost]", "app]:443", "a[b", ".", ".:80"})
    void rejectsAnythingMalformed(String text) {
        assertThat(Authority.parse(text)).isEmpty();
    }

    @Test
    void rejectsAnAbsurdlyLongAuthority() {
        assertThat(Authority.parse("a".repeat(301))).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' is the daemon''s own address")
    @ValueSource(strings = {"localhost", "LOCALHOST:9090", "localhost.", "127.0.0.1", "127.0.0.1:9090", "127.1.2.3",
        "[::1]:9090", "[0:0:0:0:0:0:0:1]"})
    void loopbackHostsAreLoopback(String text) {
        assertThat(Authority.parse(text).orElseThrow().isLoopback()).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' is not loopback")
    @ValueSource(strings = {"app.localhost", "localhost.evil.com", "evil.com", "128.0.0.1", "10.0.0.1",
        "127.0.0.1.evil.com", "[::2]", "app", "0.0.0.0"})
    void otherHostsAreNotLoopback(String text) {
        assertThat(Authority.parse(text).orElseThrow().isLoopback()).isFalse();
    }

    static Stream<Arguments> subdomains() {
        return Stream.of(
                Arguments.of("app.localhost:9090", "app"),
                Arguments.of("api.shop.localhost", "api.shop"),
                Arguments.of("APP.LOCALHOST.", "app"),
                Arguments.of("_home.localhost", "_home"));
    }

    @ParameterizedTest(name = "''{0}'' names ''{1}'' under .localhost")
    @MethodSource("subdomains")
    void thePartBeforeDotLocalhostIsTheSubdomain(String text, String subdomain) {
        assertThat(Authority.parse(text).orElseThrow().localhostSubdomain()).contains(subdomain);
    }

    @ParameterizedTest(name = "''{0}'' has no .localhost subdomain")
    @ValueSource(strings = {"localhost", "applocalhost", "app.localhost.evil.com", "evil.com", "app", "[::1]"})
    void hostsNotEndingInDotLocalhostHaveNoSubdomain(String text) {
        assertThat(Authority.parse(text).orElseThrow().localhostSubdomain()).isEmpty();
    }
}
