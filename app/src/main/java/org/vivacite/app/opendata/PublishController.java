package org.vivacite.app.opendata;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.demo.DemoCityState;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.release.Publisher;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * {@code POST /admin/publish} (operator token): makes a release of every dataset now, as {@code
 * vivacite publish} does, and answers with what it made. The rollups are written and consolidated
 * first (one part per rollup), so that the release has every complete day and the views read fewer
 * parts (they sum a delivery point's parts and meters themselves). One publication at a time: another request
 * meanwhile gets 409, as does one made while the demo city is still deriving its history.
 */
@RestController
class PublishController {

    private final Publisher publisher;
    private final ObjectProvider<MeterDayRollups> rollups;
    private final String base;
    private final ObjectProvider<DemoCityState> demo;
    private final ReentrantLock running = new ReentrantLock();

    PublishController(
            Publisher publisher,
            ObjectProvider<MeterDayRollups> rollups,
            ObjectProvider<DemoCityState> demo,
            VivaciteProperties app) {
        this.publisher = publisher;
        this.rollups = rollups;
        this.demo = demo;
        this.base = app.baseIri();
    }

    @PostMapping("/admin/publish")
    ResponseEntity<Map<String, Object>> publish() {
        if (!running.tryLock()) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(Map.of("error", "a publication is running already; try again when it is done"));
        }
        try {
            DemoCityState city = demo.getIfAvailable();
            if (city != null && !city.derivedHistoryComplete()) {
                return ResponseEntity.status(HttpStatus.CONFLICT)
                        .header("Retry-After", "60")
                        .body(Map.of(
                                "error",
                                "the demo city's consumption history is still being derived (done up to "
                                        + city.derivedUntil()
                                                .map(Object::toString)
                                                .orElse("its first day")
                                        + ", readings up to "
                                        + city.loadedUntil()
                                                .map(Object::toString)
                                                .orElse("-")
                                        + "); publish once the log says 'Demo city: derived history complete'"));
            }
            rollups.ifAvailable(MeterDayRollups::consolidate); // every closed day written, one part per rollup
            return ResponseEntity.ok(PublishReport.of(publisher.publish(), base));
        } catch (OpenDataException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
        } finally {
            running.unlock();
        }
    }
}
