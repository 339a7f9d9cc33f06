package org.vivacite.triplestore.lmdb;

import org.vivacite.triplestore.QuadStoreContractTest;

class LmdbQuadStoreTest extends QuadStoreContractTest {

    @Override
    protected String kind() {
        return "lmdb";
    }
}
