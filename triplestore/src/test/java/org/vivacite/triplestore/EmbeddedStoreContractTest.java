package org.vivacite.triplestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract, for adapters that keep their files in a directory. */
public abstract class EmbeddedStoreContractTest extends QuadStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected QuadStore openEmpty() {
        return QuadStores.open(kind(), "private", dir.resolve("store"));
    }

    @Override
    protected QuadStore reopen() {
        return openEmpty();
    }

    @Test
    void healthSaysWhereTheStoreLives() {
        assertThat(store.health().detail()).contains(dir.resolve("store").toString());
    }

    @Test
    void directoryThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> QuadStores.open(kind(), "public", file.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("public")
                .hasMessageContaining(file.resolve("store").toString());
    }
}
