package org.vivacite.ingest.wmbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** AES-CMAC against the examples of RFC 4493 §4 (the four message lengths that exercise K1 and K2). */
class AesCmacTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] MESSAGE = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    private static String cmac(int length) {
        return HEX.formatHex(AesCmac.mac(KEY, Arrays.copyOf(MESSAGE, length)));
    }

    @Test
    void emptyMessage() {
        assertThat(cmac(0)).isEqualTo("bb1d6929e95937287fa37d129b756746");
    }

    @Test
    void oneCompleteBlock() {
        assertThat(cmac(16)).isEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    }

    @Test
    void incompleteLastBlock() {
        assertThat(cmac(40)).isEqualTo("dfa66747de9ae63030ca32611497c827");
    }

    @Test
    void fourCompleteBlocks() {
        assertThat(cmac(64)).isEqualTo("51f0bebf7e3b9d92fc49741779363cfe");
    }
}
