package org.vivacite.sparql.endpoint;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.sparql.federation.FederationPolicy;
import org.vivacite.triplestore.QuadStore;

/**
 * Every query a public read path runs on the public store ({@code /sparql}, the Graph Store {@code
 * /data}, the linked-data pages), under the same limits: the time limit counts from the moment the
 * request has been read, parsing and the wait for a slot included; a query takes its place among the
 * client's and the running ones (QueryLimiter) only once it is parsed, never while its request is
 * read; answers are cut at {@code max-results} and streamed as they come.
 */
public final class PublicQueries {

    private static final Logger log = LoggerFactory.getLogger(PublicQueries.class);
    private static final int BUFFER = 32 * 1024;

    private final SparqlProperties settings;
    private final QueryRunner runner;
    private final QueryLimiter limiter;

    public PublicQueries(QuadStore store, SparqlProperties settings) {
        this.settings = settings;
        FederationPolicy policy = new FederationPolicy(
                settings.federation().allow(), settings.federation().timeout());
        this.runner = new QueryRunner(store, settings, policy, store.kind().equals("remote"));
        this.limiter = new QueryLimiter(settings.maxQueriesPerClient(), settings.maxRunningQueries());
    }

    /** Reads a request by the SPARQL protocol, its body only up to {@code max-query-size}. */
    ProtocolRequest read(HttpServletRequest request) throws IOException {
        return ProtocolRequest.from(request, settings.maxQuerySize());
    }

    /**
     * Answers the query on the response: the results in the format asked for, or the error as one
     * line of plain text with its status; an answer that fails once started is cut.
     */
    public void answer(ProtocolRequest query, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try {
            QueryRunner.Prepared prepared = runner.prepare(query, request.getHeader("Accept"));
            response.setBufferSize(BUFFER);
            try (QueryLimiter.Slot slot = limiter.acquire(request.getRemoteAddr(), left(deadline))) {
                runner.run(prepared, left(deadline), format -> {
                    response.setStatus(200);
                    response.setContentType(format.mediaType + "; charset=utf-8");
                    response.setHeader("Vary", "Accept");
                    return response.getOutputStream();
                });
            }
        } catch (SparqlException e) {
            fail(response, e.status(), e.getMessage());
        } catch (UncheckedIOException e) {
            log.debug("A SPARQL client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("A SPARQL query failed: {}", e.toString());
            fail(response, 500, "the query failed in the store: " + e.getMessage());
        }
    }

    /**
     * The triples of a CONSTRUCT or DESCRIBE, at most {@code max-results}, under the same limits, for
     * a page that needs them all before it is written.
     *
     * @throws SparqlException when a limit stops it (the status says which)
     */
    public Graph graph(String query, String client) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        QueryRunner.Prepared prepared = runner.prepare(new ProtocolRequest(query, List.of(), List.of(), null), null);
        try (QueryLimiter.Slot slot = limiter.acquire(client, left(deadline))) {
            return runner.graph(prepared, left(deadline));
        }
    }

    /** What is left of the time limit; the wait for a slot and the query share it. */
    private static Duration left(long deadline) {
        return Duration.ofNanos(deadline - System.nanoTime());
    }

    /** An error as the endpoint answers it: one line of plain text, with its status. */
    public static void fail(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            // Part of the answer is out: all that can be done is to cut it, so the client sees it is incomplete.
            log.info("A SPARQL answer was cut after it had started: {}", message);
            throw new IOException("answer cut: " + message);
        }
        response.resetBuffer();
        response.setStatus(status);
        if (status == 429) {
            response.setHeader("Retry-After", "1");
        }
        response.setContentType(MediaType.TEXT_PLAIN_VALUE + "; charset=utf-8");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
