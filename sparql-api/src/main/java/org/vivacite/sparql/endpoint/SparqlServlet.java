package org.vivacite.sparql.endpoint;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.springframework.http.MediaType;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.sparql.support.Negotiation;
import org.vivacite.triplestore.QuadStore;

/**
 * The public SPARQL endpoint, {@code /sparql} (contract): queries by the SPARQL 1.1 Protocol over
 * the public store only; without a query, the HTML query page for browsers or the service
 * description; and the VoID description at {@code /.well-known/void}. Errors are plain text naming
 * what is wrong, with the protocol's status codes.
 *
 * <p>A plain servlet (SparqlEndpointConfiguration), outside Spring MVC's dispatch and Spring
 * Security's filter chain: the endpoint is public, answers any origin (CORS) itself, and every
 * millisecond of a partner's query counts (docs/benchmarks.md compares it with Fuseki).
 */
final class SparqlServlet extends HttpServlet {

    /** Without a query: the service description in an RDF format, or the query page for browsers. */
    private static final List<MediaType> DESCRIPTION_OR_PAGE = java.util.stream.Stream.concat(
                    java.util.Arrays.stream(ResultFormat.values())
                            .filter(f -> !f.results)
                            .map(f -> f.type),
                    java.util.stream.Stream.of(MediaType.TEXT_HTML))
            .toList();

    private final PublicQueries queries;
    private final QuadStore store;
    private final String base;
    private final boolean federation;
    private final MeterRegistry metrics;

    SparqlServlet(
            PublicQueries queries, QuadStore store, SparqlProperties settings, String base, MeterRegistry metrics) {
        this.queries = queries;
        this.metrics = metrics;
        this.store = store;
        this.base = base.endsWith("/") ? base : base + "/";
        this.federation = !settings.federation().allow().isEmpty();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        if (request.getMethod().equals("OPTIONS")) {
            preflight(request, response);
            return;
        }
        if (request.getServletPath().equals("/.well-known/void")) {
            voidDescription(request, response);
            return;
        }
        sparql(request, response);
    }

    /** CORS preflight: browser tools on any site may GET and POST, with any header. */
    private static void preflight(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Allow", "GET, HEAD, POST, OPTIONS");
        if (request.getHeader("Origin") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
            String headers = request.getHeader("Access-Control-Request-Headers");
            if (headers != null) {
                response.setHeader("Access-Control-Allow-Headers", headers);
            }
            response.setHeader("Access-Control-Max-Age", "3600");
        }
        response.setStatus(204);
    }

    /** Times every request, by status: {@code vivacite_sparql_queries_seconds} in /actuator/prometheus. */
    private void sparql(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        try {
            answer(request, response);
        } finally {
            Timer.builder("vivacite.sparql.queries")
                    .description("SPARQL requests answered by /sparql, by HTTP status")
                    .tag("status", Integer.toString(response.getStatus()))
                    .register(metrics)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProtocolRequest query;
        try {
            query = queries.read(request);
            if (query == null) {
                describe(request, response);
                return;
            }
        } catch (SparqlException e) {
            PublicQueries.fail(response, e.status(), e.getMessage());
            return;
        }
        queries.answer(query, request, response);
    }

    private void voidDescription(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            writeRdf(response, request.getHeader("Accept"), Descriptions.voidDescription(base, store.statistics()));
        } catch (SparqlException e) {
            PublicQueries.fail(response, e.status(), e.getMessage());
        }
    }

    private void describe(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        if (Negotiation.choose(accept, DESCRIPTION_OR_PAGE)
                .filter(MediaType.TEXT_HTML::equals)
                .isPresent()) {
            response.setContentType(MediaType.TEXT_HTML_VALUE + "; charset=utf-8");
            try (InputStream page = SparqlServlet.class.getResourceAsStream("sparql.html")) {
                page.transferTo(response.getOutputStream());
            }
            return;
        }
        writeRdf(response, accept, Descriptions.serviceDescription(base, store.statistics(), federation));
    }

    private static void writeRdf(HttpServletResponse response, String accept, Graph graph) throws IOException {
        ResultFormat format = ResultFormat.choose(false, null, accept);
        response.setContentType(format.mediaType + "; charset=utf-8");
        response.setHeader("Vary", "Accept");
        OutputStream out = response.getOutputStream();
        RDFDataMgr.write(out, graph, format.lang);
    }
}
