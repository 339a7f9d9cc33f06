package org.vivacite.sparql.linkeddata;

import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.sparql.support.Negotiation;

/**
 * The SPARQL 1.1 Graph Store HTTP Protocol over the public store, read-only, at {@code /data}:
 * {@code ?graph={iri}} for one named graph, {@code ?default} for the default graph (the union of
 * the public graphs). GET and HEAD; every write method is refused with 405.
 */
@RestController
class GraphStoreController {

    static final String NO_GRAPH = "no public graph with this IRI";
    static final String ALLOW = "GET, HEAD, OPTIONS";

    private final PublicGraphs graphs;

    GraphStoreController(PublicGraphs graphs) {
        this.graphs = graphs;
    }

    @RequestMapping(path = "/data", method = RequestMethod.GET)
    ResponseEntity<byte[]> read(
            @RequestParam Map<String, String> parameters,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean named = parameters.containsKey("graph");
        if (named == parameters.containsKey("default")) {
            return RdfResponses.text(
                    HttpStatus.BAD_REQUEST,
                    "give exactly one of the parameters 'graph' (the IRI of a graph: /data?graph={iri}) "
                            + "or 'default' (the default graph: /data?default)",
                    new HttpHeaders());
        }
        if (named && parameters.get("graph").isBlank()) {
            return RdfResponses.text(
                    HttpStatus.BAD_REQUEST, "the parameter 'graph' needs the IRI of a graph", new HttpHeaders());
        }
        Optional<MediaType> type = Negotiation.choose(accept, RdfFormat.mediaTypes());
        if (type.isEmpty()) {
            return RdfResponses.notAcceptable(RdfFormat.mediaTypes());
        }
        Optional<Graph> graph = named ? graphs.named(parameters.get("graph")) : Optional.of(graphs.union());
        if (graph.isEmpty()) {
            return RdfResponses.text(HttpStatus.NOT_FOUND, NO_GRAPH, RdfResponses.varyByAccept());
        }
        return RdfResponses.rdf(graph.get(), RdfFormat.of(type.get()).orElseThrow(), true, RdfResponses.varyByAccept());
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
