package org.vivacite.app.opendata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.opendata.release.Publisher;

/** What a publication made, as {@code POST /admin/publish} and {@code vivacite publish} say it (JSON). */
public final class PublishReport {

    private PublishReport() {}

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
        out.put("catalog", base + "catalog");
        return out;
    }
}
