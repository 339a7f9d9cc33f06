package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuadStoresTest {

    @Test
    void findsTheEmbeddedAdaptersThroughServiceLoader() {
        assertThat(QuadStores.providers()).containsKeys("lmdb", "tdb2", "remote");
    }

    @Test
    void unknownKindNamesTheKnownOnes() {
        assertThatThrownBy(() -> QuadStores.open("oracle", "private", Path.of("unused")))
                .isInstanceOf(StoreException.class)
                .hasMessage("unknown store kind 'oracle' for the private store; known kinds: lmdb, remote, tdb2");
    }

    @Test
    void defaultsAreLmdbForPrivateAndTdb2ForPublic() {
        StoreProperties defaults = new StoreProperties(null, null);
        assertThat(defaults.privateStore().kind()).isEqualTo("lmdb");
        assertThat(defaults.publicStore().kind()).isEqualTo("tdb2");
        StoreProperties custom = new StoreProperties(new StoreProperties.Role("tdb2", null, null), null);
        assertThat(custom.privateStore().kind()).isEqualTo("tdb2");
    }
}
