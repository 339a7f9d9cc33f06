package org.vivacite.sparql.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.vivacite.sparql.SparqlException;

/**
 * A query request as the SPARQL 1.1 Protocol defines it (section 2.1): {@code GET} with {@code
 * query=}, {@code POST} of a form with {@code query=}, or {@code POST} of the query itself as
 * {@code application/sparql-query}; each with any number of {@code default-graph-uri} and {@code
 * named-graph-uri}. Anything else is refused with the status the protocol expects and a message
 * saying what is wrong. Updates are refused: this endpoint answers queries only. A body larger than
 * {@code vivacite.sparql.max-query-size} is refused with {@code 413} before it is read.
 *
 * @param format an explicit result format ({@code format} or {@code output} parameter: json, xml,
 *     csv, tsv, ttl, nt, jsonld, rdfxml), or null to negotiate by {@code Accept}
 */
public record ProtocolRequest(String query, List<String> defaultGraphs, List<String> namedGraphs, String format) {

    static final String SPARQL_QUERY = "application/sparql-query";
    static final String SPARQL_UPDATE = "application/sparql-update";
    static final String MAX_SIZE_SETTING = "vivacite.sparql.max-query-size";

    /**
     * Reads a GET or POST request; null when a GET carries no query (a service description is wanted).
     *
     * @param maxBytes the largest body read; a larger one is refused unread (413)
     */
    static ProtocolRequest from(HttpServletRequest request, DataSize maxBytes) throws IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            Parameters parameters = name -> values(request, name);
            refuseUpdate(parameters);
            if (parameters.values("query").isEmpty()) {
                return null;
            }
            return of(single(parameters), parameters);
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
            // Read here, within the size limit, before any parameter is asked for: the container would
            // otherwise read the form itself, to its own limit.
            Map<String, List<String>> form = form(body(request, maxBytes, "the form"));
            Parameters parameters = name -> concat(values(request, name), form.getOrDefault(name, List.of()));
            refuseUpdate(parameters);
            if (parameters.values("query").isEmpty()) {
                throw new SparqlException(400, "the form has no 'query' parameter");
            }
            return of(single(parameters), parameters);
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
        String body = new String(body(request, maxBytes, "the query"), StandardCharsets.UTF_8);
        Parameters parameters = name -> values(request, name);
        if (!parameters.values("query").isEmpty()) {
            throw new SparqlException(400, "the query is both in the body and in the 'query' parameter");
        }
        return of(body, parameters);
    }

    /** The parameters of a request by name: the URL's, and a form's after them. */
    private interface Parameters {
        List<String> values(String name);
    }

    /** The body, read only when it is no larger than {@code max}; else 413. */
    private static byte[] body(HttpServletRequest request, DataSize max, String what) throws IOException {
        long limit = max.toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(what, max);
        }
        byte[] body = request.getInputStream().readNBytes((int) limit + 1);
        if (body.length > limit) {
            throw tooLarge(what, max);
        }
        return body;
    }

    private static SparqlException tooLarge(String what, DataSize max) {
        return new SparqlException(
                413,
                what + " is larger than " + size(max) + ", the most this endpoint reads (" + MAX_SIZE_SETTING
                        + "): send a shorter query");
    }

    /** A size as people write it: 128 KB, 1 MB, 1000 bytes. */
    static String size(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** The fields of an {@code application/x-www-form-urlencoded} body, in order. */
    private static Map<String, List<String>> form(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            String name = decode(equals < 0 ? field : field.substring(0, equals));
            String value = equals < 0 ? "" : decode(field.substring(equals + 1));
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SparqlException(400, "the form is not URL-encoded: " + e.getMessage());
        }
    }

    private static List<String> values(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static List<String> concat(List<String> first, List<String> then) {
        if (then.isEmpty()) {
            return first;
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static ProtocolRequest of(String query, Parameters parameters) {
        if (query.isBlank()) {
            throw new SparqlException(400, "the query is empty");
        }
        List<String> format = parameters.values("format");
        if (format.isEmpty()) {
            format = parameters.values("output");
        }
        return new ProtocolRequest(
                query,
                parameters.values("default-graph-uri"),
                parameters.values("named-graph-uri"),
                format.isEmpty() ? null : format.get(0));
    }

    private static String single(Parameters parameters) {
        List<String> queries = parameters.values("query");
        if (queries.size() != 1) {
            throw new SparqlException(400, "the request has " + queries.size() + " 'query' parameters: give one");
        }
        return queries.get(0);
    }

    private static void refuseUpdate(Parameters parameters) {
        if (!parameters.values("update").isEmpty()) {
            throw updatesRefused();
        }
    }

    private static SparqlException updatesRefused() {
        return new SparqlException(
                400, "this endpoint answers queries only: SPARQL updates are refused (the public data are read-only)");
    }
}
