package org.vivacite.triplestore.remote;

import java.net.URI;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStoreContractTest;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreProperties;

/** The contract, for a remote store at an endpoint that the subclass starts. */
abstract class RemoteContractTest extends QuadStoreContractTest {

    /** The dataset's base URL, for example {@code http://127.0.0.1:3030/city}. */
    protected abstract URI endpoint();

    @Override
    protected String kind() {
        return "remote";
    }

    @Override
    protected QuadStore openEmpty() {
        QuadStore s = reopen();
        s.update("DROP ALL");
        return s;
    }

    @Override
    protected QuadStore reopen() {
        return QuadStores.open(
                "private",
                new StoreProperties.Role("remote", null, new StoreProperties.Remote(endpoint(), null, null, null)));
    }
}
