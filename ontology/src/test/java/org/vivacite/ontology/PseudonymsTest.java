package org.vivacite.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymsTest {

    private static final byte[] KEY = "a key of sixteen bytes or more".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameIdentifierUnderTheSameKeyAlwaysGetsTheSamePseudonym() {
        String p = new Pseudonyms(KEY).of("meter", "DME-12345678");
        assertThat(p).matches("[0-9a-f]{16}").isEqualTo(new Pseudonyms(KEY.clone()).of("meter", "DME-12345678"));
        assertThat(p).doesNotContain("12345678");
    }

    @Test
    void anotherKeyKindOrIdentifierGivesAnotherPseudonym() {
        Pseudonyms pseudonyms = new Pseudonyms(KEY);
        String p = pseudonyms.of("meter", "DME-12345678");
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(new Pseudonyms(other).of("meter", "DME-12345678")).isNotEqualTo(p);
        assertThat(pseudonyms.of("dwelling", "DME-12345678")).isNotEqualTo(p);
        assertThat(pseudonyms.of("meter", "DME-12345679")).isNotEqualTo(p);
    }

    @Test
    void refusesAKeyShorterThanSixteenBytes() {
        assertThatThrownBy(() -> new Pseudonyms(new byte[15])).hasMessageContaining("at least 16 bytes");
    }
}
