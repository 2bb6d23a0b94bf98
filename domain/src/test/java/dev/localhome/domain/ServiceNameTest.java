package dev.localhome.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNameTest {
    private static final String LABEL_63 = "a".repeat(63);
    // Four labels, 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters: the longest name there is.
    private static final String NAME_253 = String.join(".", LABEL_63, LABEL_63, LABEL_63, "b".repeat(61));

    @Test
    void namesAreLowerCased() {
        assertThat(new ServiceName("App").value()).isEqualTo("app");
        assertThat(ServiceName.parse("API.Shop")).contains(new ServiceName("api.shop"));
    }

    @Test
    void namesCompareCaseInsensitively() {
        assertThat(new ServiceName("APP")).isEqualTo(new ServiceName("app")).hasSameHashCodeAs(new ServiceName("app"));
    }

    @ParameterizedTest(name = "''{0}'' is a name")
    @ValueSource(strings = {"app", "_home", "api.shop", "my-app_2", "a", "123", "web.api.shop", "x-"})
    void lettersDigitsHyphensAndUnderscoresJoinedByDotsAreNames(String text) {
        assertThat(new ServiceName(text).value()).isEqualTo(text);
        assertThat(ServiceName.parse(text)).contains(new ServiceName(text));
    }

    @Test
    void aLabelMayHaveSixtyThreeCharactersAndANameTwoHundredFiftyThree() {
        assertThat(NAME_253).hasSize(253);
        assertThat(ServiceName.parse(LABEL_63)).isPresent();
        assertThat(ServiceName.parse(NAME_253)).isPresent();
    }

    /** DESIGN's rule, taken literally (labels of letters, digits, {@code -}, {@code _}), accepts a lone hyphen. */
    @Test
    void aLoneHyphenIsANameByTheLetterOfTheDesign() {
        assertThat(ServiceName.parse("-")).isPresent();
    }

    @ParameterizedTest(name = "''{0}'' is not a name")
    @ValueSource(strings = {
        "", ".", "a..b", ".app", "app.", " app", "app ", "my app", "app/x", "app:80", "user@app", "app\n",
        "café", "ａｐｐ", "\u212Aube", "\u0130stanbul", "app*", "[::1]", "127.0.0.1:80"})
    void anythingElseIsNotAName(String text) {
        assertThat(ServiceName.parse(text)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName(text));
    }

    @Test
    void aLabelOfSixtyFourCharactersOrANameOfTwoHundredFiftyFourIsTooLong() {
        assertThat(ServiceName.parse("a".repeat(64))).isEmpty();
        assertThat(ServiceName.parse(NAME_253 + "b")).isEmpty();
        assertThat(ServiceName.parse("a".repeat(300))).isEmpty();
    }

    @Test
    void nullIsNotAName() {
        assertThat(ServiceName.parse(null)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName(null));
    }

    @Test
    void onlyDotFreeNamesAreBare() {
        assertThat(new ServiceName("app").isBare()).isTrue();
        assertThat(new ServiceName("_home").isBare()).isTrue();
        assertThat(new ServiceName("api.shop").isBare()).isFalse();
    }

    @Test
    void namesSortByTheirText() {
        assertThat(new ServiceName("api.shop")).isLessThan(new ServiceName("app"));
        assertThat(new ServiceName("_home")).isLessThan(new ServiceName("app"));
        assertThat(new ServiceName("app").toString()).isEqualTo("app");
    }
}
