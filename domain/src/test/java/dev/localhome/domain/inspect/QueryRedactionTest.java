package dev.localhome.domain.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryRedactionTest {
    private final QueryRedaction redaction = QueryRedaction.DEFAULT;

    @Test
    void secretValuesAreReplacedAndTheirKeysKept() {
        assertThat(redaction.redact("/cb?token=S1&access_token=S2&password=S3&code=S4&x=1"))
                .isEqualTo("/cb?token=(redacted)&access_token=(redacted)&password=(redacted)&code=(redacted)&x=1");
    }

    @Test
    void keysMatchWhateverTheirCaseAndBySuffix() {
        assertThat(redaction.redact("/?CSRF_Token=a&X-Api-Key=b&client_secret=c&new_password=d&STATE=e&mykey=f"))
                .isEqualTo("/?CSRF_Token=(redacted)&X-Api-Key=(redacted)&client_secret=(redacted)"
                        + "&new_password=(redacted)&STATE=(redacted)&mykey=f");
    }

    @Test
    void aPercentEncodedKeyIsMatchedDecoded() {
        assertThat(redaction.redact("/?access%5Ftoken=a")).isEqualTo("/?access%5Ftoken=(redacted)");
    }

    @Test
    void aTargetWithoutSecretsIsTheSameString() {
        String target = "/x?y=1&&z&keyboard=2";
        assertThat(redaction.redact(target)).isSameAs(target);
        assertThat(redaction.redact("/no-query")).isEqualTo("/no-query");
    }

    @Test
    void aWholeUrlAsInARefererIsRedactedToo() {
        assertThat(redaction.redact("https://app/cb?id_token=x#frag")).isEqualTo("https://app/cb?id_token=(redacted)#frag");
    }

    @Test
    void namesAddedByConfigCountBesideTheDefaults() {
        QueryRedaction more = QueryRedaction.withDefaultsAnd(List.of("Magic"));
        assertThat(more.redact("/?magic=1&token=2")).isEqualTo("/?magic=(redacted)&token=(redacted)");
        assertThat(more.names()).contains("magic", "token");
    }

    @Test
    void aNameThatCannotBeAQueryKeyIsRefused() {
        assertThatThrownBy(() -> QueryRedaction.withDefaultsAnd(List.of("a=b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryRedaction.withDefaultsAnd(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
