package org.vivacite.sparql.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.vivacite.sparql.SparqlException;

/**
 * A query request as the SPARQL 1.1 Protocol defines it (section 2.1): {@code GET} with {@code
 * query=}, {@code POST} of a form with {@code query=}, or {@code POST} of the query itself as
 * {@code application/sparql-query}; each with any number of {@code default-graph-uri} and {@code
 * named-graph-uri}. Anything else is refused with the status the protocol expects and a message
 * saying what is wrong. Updates are refused: this endpoint answers queries only.
 *
 * @param format an explicit result format ({@code format} or {@code output} parameter: json, xml,
 *     csv, tsv, ttl, nt, jsonld, rdfxml), or null to negotiate by {@code Accept}
 */
public record ProtocolRequest(String query, List<String> defaultGraphs, List<String> namedGraphs, String format) {

    static final String SPARQL_QUERY = "application/sparql-query";
    static final String SPARQL_UPDATE = "application/sparql-update";

    /** Reads a GET or POST request; null when a GET carries no query (a service description is wanted). */
    static ProtocolRequest from(HttpServletRequest request) throws IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            String[] queries = request.getParameterValues("query");
            refuseUpdate(request);
            if (queries == null) {
                return null;
            }
            return of(single(queries), request);
        }
        if (!method.equals("POST")) {
            throw new SparqlException(405, method + " is not a SPARQL query operation: use GET or POST");
        }
        String contentType = request.getContentType();
        if (contentType == null) {
            throw new SparqlException(
                    415,
                    "a POST to the SPARQL endpoint needs a Content-Type: application/x-www-form-urlencoded or "
                            + SPARQL_QUERY);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new SparqlException(415, "Content-Type '" + contentType + "' cannot be read");
        }
        if (type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8)) {
            throw new SparqlException(
                    415,
                    "SPARQL requests are UTF-8; Content-Type says charset="
                            + type.getCharset().name());
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            refuseUpdate(request);
            String[] queries = request.getParameterValues("query");
            if (queries == null) {
                throw new SparqlException(400, "the form has no 'query' parameter");
            }
            return of(single(queries), request);
        }
        String bare = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (bare.equals(SPARQL_UPDATE)) {
            throw updatesRefused();
        }
        if (!bare.equals(SPARQL_QUERY)) {
            throw new SparqlException(
                    415,
                    "Content-Type '" + bare + "' is not a SPARQL query: POST application/x-www-form-urlencoded or "
                            + SPARQL_QUERY);
        }
        if (request.getParameterValues("query") != null) {
            throw new SparqlException(400, "the query is both in the body and in the 'query' parameter");
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return of(body, request);
    }

    private static ProtocolRequest of(String query, HttpServletRequest request) {
        if (query.isBlank()) {
            throw new SparqlException(400, "the query is empty");
        }
        String format = request.getParameter("format");
        if (format == null) {
            format = request.getParameter("output");
        }
        return new ProtocolRequest(query, list(request, "default-graph-uri"), list(request, "named-graph-uri"), format);
    }

    private static List<String> list(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static String single(String[] queries) {
        if (queries.length != 1) {
            throw new SparqlException(400, "the request has " + queries.length + " 'query' parameters: give one");
        }
        return queries[0];
    }

    private static void refuseUpdate(HttpServletRequest request) {
        if (request.getParameterValues("update") != null) {
            throw updatesRefused();
        }
    }

    private static SparqlException updatesRefused() {
        return new SparqlException(
                400, "this endpoint answers queries only: SPARQL updates are refused (the public data are read-only)");
    }
}
