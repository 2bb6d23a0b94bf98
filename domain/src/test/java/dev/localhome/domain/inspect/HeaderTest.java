package dev.localhome.domain.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderTest {
    @Test
    void credentialsAreRedactedWhateverTheirCase() {
        List<Header> recorded = List.of(
                Header.recorded("Cookie", "session=abc"),
                Header.recorded("SET-COOKIE", "session=abc; HttpOnly"),
                Header.recorded("Authorization", "Bearer secret"),
                Header.recorded("proxy-authorization", "Basic c2VjcmV0"));
        assertThat(recorded).extracting(Header::value).containsOnly(Header.REDACTED);
        assertThat(recorded).extracting(Header::name)
                .containsExactly("cookie", "set-cookie", "authorization", "proxy-authorization");
    }

    @Test
    void otherFieldsKeepTheirValueUnderALowerCaseName() {
        assertThat(Header.recorded("Accept", "*/*")).isEqualTo(new Header("accept", "*/*"));
    }

    @Test
    void aLongValueIsCut() {
        assertThat(Header.recorded("x-long", "v".repeat(5_000)).value()).hasSize(Header.MAX_VALUE);
    }
}
