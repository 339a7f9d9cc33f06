package org.vivacite.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.ReleaseSummary.DownloadFile;

/** Release summaries for the tests: every dataset, several releases each, several files each. */
final class Releases {

    static final String BASE = "http://localhost:8080/";

    private Releases() {}

    /** Three releases of every dataset, oldest first, with Turtle, N-Triples and CSV files. */
    static List<ReleaseSummary> several() {
        List<ReleaseSummary> list = new ArrayList<>();
        for (int month = 9; month <= 11; month++) {
            for (Dataset d : Dataset.values()) {
                String id = "2026-%02d-29T041200Z".formatted(month);
                list.add(new ReleaseSummary(
                        d,
                        id,
                        Instant.parse("2026-%02d-29T04:12:00Z".formatted(month)),
                        LocalDate.of(2025, month, 1),
                        LocalDate.of(2026, month, 1),
                        1000 + month,
                        900 + month,
                        List.of(),
                        List.of(
                                new DownloadFile("cube.ttl", "text/turtle", 123_456L + month, hex('a', month)),
                                new DownloadFile(
                                        "cube.nt.gz", "application/n-triples", 654_321L + month, hex('b', month)),
                                new DownloadFile("cells.csv", "text/csv; charset=utf-8", 42_000L, hex('c', month)))));
            }
        }
        return list;
    }

    private static String hex(char c, int n) {
        return (String.valueOf(c).repeat(62) + "%02x".formatted(n));
    }
}
