package org.vivacite.opendata.catalog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.ReleaseSummary.DownloadFile;

/**
 * The catalogue as a plain HTML page: per dataset its titles and description, its releases newest
 * first with dates, coverage, counts and a download link per file, and a link to the SPARQL
 * endpoint. Every piece of text goes through {@link #escape}.
 */
final class CatalogPage {

    private static final DateTimeFormatter ISSUED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1d2733}
            h2{margin-top:2rem;border-top:1px solid #d8dee4;padding-top:1rem}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #d8dee4}
            a{color:#0b5cad}
            .en{color:#57606a}
            """;

    private final CatalogSettings settings;

    CatalogPage(CatalogSettings settings) {
        this.settings = settings;
    }

    String render(List<ReleaseSummary> releases) {
        String base = settings.base();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(settings.titleFr()))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(escape(settings.titleFr()))
                .append("</h1>\n<p lang=\"en\" class=\"en\">")
                .append(escape(settings.titleEn()))
                .append("</p>\n<p>")
                .append(escape(settings.descriptionFr()))
                .append("</p>\n<p lang=\"en\" class=\"en\">")
                .append(escape(settings.descriptionEn()))
                .append("</p>\n<p>Éditeur / publisher : ")
                .append(escape(settings.publisherName()))
                .append(" — contact : <a href=\"mailto:")
                .append(escape(settings.contactEmail()))
                .append("\">")
                .append(escape(settings.contactEmail()))
                .append("</a> — licence : <a href=\"")
                .append(escape(settings.licence()))
                .append("\">")
                .append(escape(settings.licenceTitle()))
                .append("</a></p>\n<p>Point d'accès SPARQL / SPARQL endpoint : <a href=\"")
                .append(escape(base + "sparql"))
                .append("\">")
                .append(escape(base + "sparql"))
                .append("</a></p>\n<p>Catalogue DCAT-AP :");
        for (CatalogController.Format f : CatalogController.Format.values()) {
            if (f != CatalogController.Format.HTML) {
                h.append(" <a href=\"?format=")
                        .append(f.parameter)
                        .append("\">")
                        .append(escape(f.lang.getLabel()))
                        .append("</a>");
            }
        }
        h.append("</p>\n</header>\n<main>\n");

        Map<Dataset, List<ReleaseSummary>> byDataset = new LinkedHashMap<>();
        for (Dataset d : Dataset.values()) {
            byDataset.put(d, new ArrayList<>());
        }
        releases.forEach(r -> byDataset.get(r.dataset()).add(r));
        if (releases.isEmpty()) {
            h.append("<p>Aucune version publiée pour l'instant. <span lang=\"en\" class=\"en\">")
                    .append("No release published yet.</span></p>\n");
        }
        byDataset.forEach((d, list) -> {
            if (!list.isEmpty()) {
                dataset(h, d, list);
            }
        });
        return h.append("</main>\n</body>\n</html>\n").toString();
    }

    private void dataset(StringBuilder h, Dataset d, List<ReleaseSummary> list) {
        h.append("<section id=\"")
                .append(escape(d.id))
                .append("\">\n<h2>")
                .append(escape(d.titleFr))
                .append("</h2>\n<p lang=\"en\" class=\"en\"><strong>")
                .append(escape(d.titleEn))
                .append("</strong></p>\n<p>")
                .append(escape(d.descriptionFr))
                .append("</p>\n<p lang=\"en\" class=\"en\">")
                .append(escape(d.descriptionEn))
                .append(
                        "</p>\n<table>\n<caption>Versions, la plus récente d'abord / releases, newest first</caption>\n")
                .append("<thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Publiée / issued</th>")
                .append("<th scope=\"col\">Période couverte / coverage</th>")
                .append("<th scope=\"col\">Cellules publiées / published cells</th>")
                .append("<th scope=\"col\">Fichiers / files</th></tr></thead>\n<tbody>\n");
        list.stream()
                .sorted(Comparator.comparing(ReleaseSummary::issued)
                        .thenComparing(ReleaseSummary::id)
                        .reversed())
                .forEach(r -> release(h, r));
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private void release(StringBuilder h, ReleaseSummary r) {
        h.append("<tr><th scope=\"row\">")
                .append(escape(r.id()))
                .append("</th><td>")
                .append(escape(ISSUED.format(r.issued())))
                .append("</td><td>")
                .append(escape(r.coverageStart().toString()))
                .append(" – ")
                .append(escape(r.coverageEnd().minusDays(1).toString()))
                .append("</td><td>")
                .append(r.published())
                .append(" / ")
                .append(r.cells())
                .append("</td><td><ul>");
        for (DownloadFile f : r.files()) {
            h.append("<li><a href=\"")
                    .append(escape(r.downloadUrl(settings.base(), f.name())))
                    .append("\" type=\"")
                    .append(escape(f.format()))
                    .append("\">")
                    .append(escape(f.name()))
                    .append("</a> (")
                    .append(escape(size(f.bytes())))
                    .append(")</li>");
        }
        h.append("</ul></td></tr>\n");
    }

    /** A size for people: bytes, kB, MB or GB (powers of 1000). */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** The text, safe in element content and in quoted attribute values. */
    /** The text with {@code & < > " '} escaped (Spring's HTML escaping, as required by UTF-8). */
    static String escape(String text) {
        return org.springframework.web.util.HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
