package org.vivacite.triplestore.lmdb;

import org.vivacite.triplestore.EmbeddedStoreContractTest;

class LmdbQuadStoreTest extends EmbeddedStoreContractTest {

    @Override
    protected String kind() {
        return "lmdb";
    }
}
