package org.vivacite.opendata.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.opendata.ReleaseIndex;
import org.vivacite.opendata.ReleaseSummary;

/**
 * {@code GET /catalog}: the DCAT-AP catalogue of the releases made so far, in Turtle, JSON-LD,
 * RDF/XML or N-Triples, or as an HTML page for browsers, by {@code Accept} or by {@code
 * ?format=ttl|jsonld|rdf|nt|html}. Built on each request from the release index: it is small, and
 * a new release shows at once.
 */
@RestController
class CatalogController {

    /** What {@code /catalog} offers; Turtle first, the answer to {@code *}{@code /*} or no {@code Accept}. */
    enum Format {
        TURTLE("ttl", "text/turtle", Lang.TURTLE, true),
        HTML("html", "text/html", null, true),
        JSON_LD("jsonld", "application/ld+json", Lang.JSONLD, false),
        RDF_XML("rdf", "application/rdf+xml", Lang.RDFXML, false),
        N_TRIPLES("nt", "application/n-triples", Lang.NTRIPLES, true);

        final String parameter;
        final MediaType mediaType;
        final MediaType contentType;
        final Lang lang;

        Format(String parameter, String mediaType, Lang lang, boolean charset) {
            this.parameter = parameter;
            this.mediaType = MediaType.parseMediaType(mediaType);
            this.contentType = charset ? new MediaType(this.mediaType, StandardCharsets.UTF_8) : this.mediaType;
            this.lang = lang;
        }
    }

    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final ReleaseIndex index;
    private final Catalog catalog;
    private final CatalogPage page;

    CatalogController(ReleaseIndex index, CatalogSettings settings) {
        this.index = index;
        this.catalog = new Catalog(settings);
        this.page = new CatalogPage(settings);
    }

    @GetMapping("/catalog")
    ResponseEntity<byte[]> catalog(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(name = "format", required = false) String format) {
        Optional<Format> chosen;
        if (format != null) {
            chosen = Arrays.stream(Format.values())
                    .filter(f -> f.parameter.equals(format))
                    .findFirst();
            if (chosen.isEmpty()) {
                return text(
                        HttpStatus.BAD_REQUEST,
                        "unknown format '" + format + "'; use one of: "
                                + Arrays.stream(Format.values())
                                        .map(f -> f.parameter)
                                        .collect(Collectors.joining(", ")));
            }
        } else {
            chosen = choose(accept);
            if (chosen.isEmpty()) {
                return text(
                        HttpStatus.NOT_ACCEPTABLE,
                        "none of the media types in Accept is offered by /catalog; ask for one of: "
                                + Arrays.stream(Format.values())
                                        .map(f -> f.mediaType.toString())
                                        .collect(Collectors.joining(", "))
                                + " (or use ?format=ttl|jsonld|rdf|nt|html)");
            }
        }
        List<ReleaseSummary> releases = index.releases();
        byte[] body;
        if (chosen.get() == Format.HTML) {
            body = page.render(releases).getBytes(StandardCharsets.UTF_8);
        } else {
            Model model = catalog.model(releases);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, model, chosen.get().lang);
            body = out.toByteArray();
        }
        return ResponseEntity.ok()
                .headers(vary())
                .contentType(chosen.get().contentType)
                .body(body);
    }

    /**
     * Server-driven negotiation (RFC 9110 §12.5.1): the offered type the most specific matching
     * range of {@code Accept} gives the highest quality; on a tie the first offered.
     */
    static Optional<Format> choose(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(Format.TURTLE);
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
        Format best = null;
        double bestQuality = 0;
        for (Format f : Format.values()) {
            int specificity = -1;
            double q = 0;
            for (MediaType range : ranges) {
                if (!range.includes(f.mediaType)) {
                    continue;
                }
                int s = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (s > specificity) {
                    specificity = s;
                    q = range.getQualityValue();
                }
            }
            if (q > bestQuality) {
                best = f;
                bestQuality = q;
            }
        }
        return Optional.ofNullable(best);
    }

    private static HttpHeaders vary() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return headers;
    }

    private static ResponseEntity<byte[]> text(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .headers(vary())
                .contentType(TEXT)
                .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
