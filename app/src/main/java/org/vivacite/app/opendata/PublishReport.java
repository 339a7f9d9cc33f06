package org.vivacite.app.opendata;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vivacite.opendata.release.Publisher;

/**
 * What a publication made, as {@code POST /admin/publish} and {@code vivacite publish} say it (JSON),
 * to the operator: with the information loss per dataset and level, whose share of consumption is
 * never published.
 */
public final class PublishReport {

    private PublishReport() {}

    /** A share to four decimals, as a number: 0.8712. */
    private static BigDecimal share(BigDecimal s) {
        return s.setScale(4, RoundingMode.HALF_EVEN);
    }

    public static Map<String, Object> of(Publisher.Result r, String base) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issued", r.issued().toString());
        out.put("seconds", r.took().toMillis() / 1000.0);
        out.put("cells", r.cells());
        out.put("published", r.published());
        List<Map<String, Object>> releases = r.releases().stream()
                .map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("dataset", s.dataset().id);
                    m.put("release", s.id());
                    m.put("coverage", s.coverageStart() + "/" + s.coverageEnd());
                    m.put("cells", s.cells());
                    m.put("published", s.published());
                    m.put("files", base + "open-data/" + s.dataset().id + "/" + s.id() + "/");
                    return m;
                })
                .toList();
        out.put("releases", releases);
        // for the operator only: the share of consumption would give away what the files hide
        List<Map<String, Object>> loss = r.loss().stream()
                .map(l -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("dataset", l.dataset().id);
                    m.put("level", l.level().name().toLowerCase(Locale.ROOT));
                    m.put("cells", l.cells());
                    m.put("confidential", l.suppressed());
                    m.put("cellShare", share(l.cellShare()));
                    Map<String, Object> consumption = new LinkedHashMap<>();
                    l.consumption().forEach((f, c) -> consumption.put(f.code, share(c.share())));
                    m.put("consumptionShare", consumption);
                    return m;
                })
                .toList();
        out.put("informationLoss", loss);
        out.put("catalog", base + "catalog");
        return out;
    }
}
