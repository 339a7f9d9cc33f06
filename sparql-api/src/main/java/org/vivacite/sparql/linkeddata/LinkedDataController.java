package org.vivacite.sparql.linkeddata;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.support.Negotiation;

/**
 * Dereferences the platform's public IRIs, {@code {base}id/…} at {@code /id/…}, and serves the
 * vocabulary at {@code /ontology}, the local equivalent of its namespace {@code
 * https://w3id.org/vivacite/ontology#}. Both negotiate RDF or HTML by {@code Accept} (GET and HEAD).
 */
@RestController
class LinkedDataController {

    /** Sent when the public store knows nothing of an IRI, whether nobody minted it or it is private. */
    static final String NO_RESOURCE = "no public resource at this IRI";

    /** Turtle first: the answer to {@code *}{@code /*} or no {@code Accept}. */
    private static final List<MediaType> OFFERED = offered();

    private final ResourceDescriptions descriptions;
    private final String base;
    private final ResourcePage resourcePage;
    private final OntologyPage ontologyPage;

    LinkedDataController(ResourceDescriptions descriptions, @Value("${vivacite.base-iri}") String base) {
        this.descriptions = descriptions;
        this.base = base.endsWith("/") ? base : base + "/";
        this.resourcePage = new ResourcePage(this.base);
        this.ontologyPage = new OntologyPage(this.base);
    }

    private static List<MediaType> offered() {
        List<MediaType> types = new ArrayList<>(RdfFormat.mediaTypes());
        types.add(1, MediaType.TEXT_HTML);
        return List.copyOf(types);
    }

    @GetMapping("/id/**")
    ResponseEntity<byte[]> resource(
            HttpServletRequest request, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<MediaType> type = chosen(request, accept);
        if (type.isEmpty()) {
            return RdfResponses.notAcceptable(OFFERED);
        }
        String path = path(request);
        String iri = base + path.substring(1);
        Optional<Graph> description = descriptions.describe(iri, request.getRemoteAddr());
        if (description.isEmpty()) {
            return RdfResponses.text(HttpStatus.NOT_FOUND, NO_RESOURCE, RdfResponses.varyByAccept());
        }
        HttpHeaders headers = RdfResponses.withAlternates(request.getRequestURI());
        if (type.get().equals(MediaType.TEXT_HTML)) {
            return RdfResponses.html(resourcePage.render(iri, description.get(), request.getRequestURI()), headers);
        }
        return RdfResponses.rdf(description.get(), RdfFormat.of(type.get()).orElseThrow(), headers);
    }

    @GetMapping("/ontology")
    ResponseEntity<byte[]> ontology(
            HttpServletRequest request, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Optional<MediaType> type = chosen(request, accept);
        if (type.isEmpty()) {
            return RdfResponses.notAcceptable(OFFERED);
        }
        Graph vocabulary = descriptions.vocabulary();
        HttpHeaders headers = RdfResponses.withAlternates(request.getRequestURI());
        if (type.get().equals(MediaType.TEXT_HTML)) {
            return RdfResponses.html(ontologyPage.render(vocabulary, request.getRequestURI()), headers);
        }
        return RdfResponses.rdf(vocabulary, RdfFormat.of(type.get()).orElseThrow(), headers);
    }

    /** A limit that stopped a description: its status and message, as {@code /sparql} gives them. */
    @ExceptionHandler(SparqlException.class)
    ResponseEntity<byte[]> stopped(SparqlException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.status() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            headers.add(HttpHeaders.RETRY_AFTER, "1");
        }
        return RdfResponses.text(HttpStatus.valueOf(e.status()), e.getMessage(), headers);
    }

    /** The format a {@code format} parameter names (download links), else the one {@code Accept} prefers. */
    private static Optional<MediaType> chosen(HttpServletRequest request, String accept) {
        String format = request.getParameter("format");
        if (format != null) {
            return RdfFormat.ofParameter(format).map(RdfFormat::mediaType);
        }
        return Negotiation.choose(accept, OFFERED);
    }

    /** The request's path as sent (still percent-encoded, as in the IRI), without the context path. */
    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
