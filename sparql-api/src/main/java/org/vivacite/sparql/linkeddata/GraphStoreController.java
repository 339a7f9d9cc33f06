package org.vivacite.sparql.linkeddata;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.sparql.endpoint.ProtocolRequest;
import org.vivacite.sparql.endpoint.PublicQueries;
import org.vivacite.sparql.support.Negotiation;

/**
 * The SPARQL 1.1 Graph Store HTTP Protocol over the public store, read-only, at {@code /data}:
 * {@code ?graph={iri}} for one named graph, {@code ?default} for the default graph (the union of
 * the public graphs). GET and HEAD; every write method is refused with 405. A graph is read as a
 * {@code /sparql} query is, under the same limits (PublicQueries): streamed, cut at {@code
 * max-results} triples, within the time limit and a query slot.
 */
@RestController
class GraphStoreController {

    static final String NO_GRAPH = "no public graph with this IRI";
    static final String ALLOW = "GET, HEAD, OPTIONS";

    /** Every triple of the default graph, written with the platform's prefixes. */
    private static final String ALL_TRIPLES = prefixes() + "CONSTRUCT WHERE { ?s ?p ?o }";

    private final PublicGraphs graphs;
    private final PublicQueries queries;

    GraphStoreController(PublicGraphs graphs, PublicQueries queries) {
        this.graphs = graphs;
        this.queries = queries;
    }

    private static String prefixes() {
        StringBuilder prefixes = new StringBuilder();
        Namespaces.prefixes()
                .getNsPrefixMap()
                .forEach((prefix, namespace) -> prefixes.append("PREFIX ")
                        .append(prefix)
                        .append(": <")
                        .append(namespace)
                        .append(">\n"));
        return prefixes.toString();
    }

    @RequestMapping(path = "/data", method = RequestMethod.GET)
    void read(@RequestParam Map<String, String> parameters, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean named = parameters.containsKey("graph");
        if (named == parameters.containsKey("default")) {
            PublicQueries.fail(
                    response,
                    400,
                    "give exactly one of the parameters 'graph' (the IRI of a graph: /data?graph={iri}) "
                            + "or 'default' (the default graph: /data?default)");
            return;
        }
        String graph = parameters.get("graph");
        if (named && graph.isBlank()) {
            PublicQueries.fail(response, 400, "the parameter 'graph' needs the IRI of a graph");
            return;
        }
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (Negotiation.choose(request.getHeader(HttpHeaders.ACCEPT), RdfFormat.mediaTypes())
                .isEmpty()) {
            PublicQueries.fail(response, 406, RdfResponses.notAcceptableMessage(RdfFormat.mediaTypes()));
            return;
        }
        if (named && !graphs.isPublic(graph)) {
            PublicQueries.fail(response, 404, NO_GRAPH);
            return;
        }
        // The named graph is the query's default graph; without one, the default graph is the union.
        queries.answer(
                new ProtocolRequest(ALL_TRIPLES, named ? List.of(graph) : List.of(), List.of(), null),
                request,
                response);
    }

    @RequestMapping(path = "/data", method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.ok().header(HttpHeaders.ALLOW, ALLOW).build();
    }

    @RequestMapping(
            path = "/data",
            method = {RequestMethod.PUT, RequestMethod.POST, RequestMethod.DELETE, RequestMethod.PATCH})
    ResponseEntity<byte[]> write() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.ALLOW, ALLOW);
        return RdfResponses.text(
                HttpStatus.METHOD_NOT_ALLOWED,
                "the graph store is read-only: only GET, HEAD and OPTIONS are allowed here",
                headers);
    }
}
