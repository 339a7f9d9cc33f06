package org.vivacite.app.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreHealth;

/** {@code GET /admin/stores}: kind, health and triples per graph of both stores (operator token). */
@RestController
class StoresController {

    private final QuadStore privateStore;
    private final QuadStore publicStore;

    StoresController(@PrivateStore QuadStore privateStore, @PublicStore QuadStore publicStore) {
        this.privateStore = privateStore;
        this.publicStore = publicStore;
    }

    @GetMapping("/admin/stores")
    Map<String, StoreReport> stores() {
        Map<String, StoreReport> report = new LinkedHashMap<>();
        report.put(privateStore.role(), StoreReport.of(privateStore));
        report.put(publicStore.role(), StoreReport.of(publicStore));
        return report;
    }

    record StoreReport(String kind, boolean up, String detail, Map<String, Long> graphs) {

        static StoreReport of(QuadStore store) {
            StoreHealth health = store.health();
            return new StoreReport(
                    store.kind(), health.up(), health.detail(), health.up() ? store.statistics() : Map.of());
        }
    }
}
