package org.vivacite.triplestore.tdb2;

import org.vivacite.triplestore.QuadStoreContractTest;

class Tdb2QuadStoreTest extends QuadStoreContractTest {

    @Override
    protected String kind() {
        return "tdb2";
    }
}
