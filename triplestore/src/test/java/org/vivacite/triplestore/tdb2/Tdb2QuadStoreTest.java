package org.vivacite.triplestore.tdb2;

import org.vivacite.triplestore.EmbeddedStoreContractTest;

class Tdb2QuadStoreTest extends EmbeddedStoreContractTest {

    @Override
    protected String kind() {
        return "tdb2";
    }
}
