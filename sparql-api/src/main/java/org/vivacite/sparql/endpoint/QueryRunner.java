package org.vivacite.sparql.endpoint;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.apache.jena.sparql.util.Context;
import org.vivacite.sparql.SparqlException;
import org.vivacite.sparql.SparqlProperties;
import org.vivacite.sparql.federation.FederationPolicy;
import org.vivacite.sparql.federation.ServiceRedirectedException;
import org.vivacite.sparql.federation.ServiceTimeoutException;
import org.vivacite.sparql.functions.PublicFunctions;
import org.vivacite.triplestore.QueryException;
import org.vivacite.triplestore.QueryRequest;
import org.vivacite.triplestore.SparqlQueries;

/**
 * Runs a protocol request against the public store and writes the answer as it comes: parses the
 * query (a syntax error is a {@code 400} with the parser's message), caps the number of results written,
 * applies what is left of the time limit, the federation policy and the rules of what a public query
 * may call (PublicFunctions), picks the format, and streams SPARQL results or RDF to the output.
 */
final class QueryRunner {

    /** Where the answer goes once its format is known. */
    interface Answer {
        /** Sets the content type and returns the body; called once, before any byte is written. */
        OutputStream start(ResultFormat format) throws IOException;
    }

    private final SparqlQueries store;
    private final SparqlProperties settings;
    private final FederationPolicy policy;
    /** The settings of every execution: the federation policy and what a public query may call. */
    private final Context context;

    private final boolean remote;

    /**
     * @param remote whether the store is a remote SPARQL service: it runs SERVICE itself, out of
     *     this policy's reach, so every SERVICE is checked here before the query leaves
     */
    QueryRunner(SparqlQueries store, SparqlProperties settings, FederationPolicy policy, boolean remote) {
        this.store = store;
        this.settings = settings;
        this.policy = policy;
        this.context = policy.context();
        PublicFunctions.configure(context);
        this.remote = remote;
    }

    /** A parsed query, ready to run: the query as it will run, its dataset, and the format of its answer. */
    record Prepared(Query query, List<String> defaultGraphs, List<String> namedGraphs, ResultFormat format) {}

    /**
     * Parses the request's query (a syntax error is a {@code 400} with the parser's message), picks
     * the format of its answer and checks its {@code SERVICE}s when the store is remote.
     */
    Prepared prepare(ProtocolRequest request, String accept) {
        Query query = parse(request.query());
        boolean rdf = query.isConstructType() || query.isDescribeType();
        ResultFormat format = ResultFormat.choose(!rdf, request.format(), accept);
        if (!request.defaultGraphs().isEmpty() || !request.namedGraphs().isEmpty()) {
            // The protocol's dataset wins over the query's FROM and FROM NAMED (SPARQL 1.1 Protocol 2.1.4).
            query.getGraphURIs().clear();
            query.getNamedGraphURIs().clear();
        }
        if (remote) {
            checkServices(query);
        }
        return new Prepared(query, request.defaultGraphs(), request.namedGraphs(), format);
    }

    static Query parse(String text) {
        try {
            return QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw new SparqlException(400, "the query does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the query and writes its answer, at most {@code max-results} rows or triples, as it comes.
     *
     * @param timeLeft what is left of the query's time limit
     */
    void run(Prepared query, Duration timeLeft, Answer answer) {
        execute(query, timeLeft, exec -> write(exec, query.query(), query.format(), settings.maxResults(), answer));
    }

    /** The triples of a CONSTRUCT or DESCRIBE, at most {@code max-results}, for pages that need them all. */
    Graph graph(Prepared query, Duration timeLeft) {
        Graph graph = GraphFactory.createDefaultGraph();
        graph.getPrefixMapping().setNsPrefixes(query.query().getPrefixMapping());
        execute(
                query,
                timeLeft,
                exec -> Iter.limit(triples(exec, query.query()), settings.maxResults())
                        .forEachRemaining(graph::add));
        return graph;
    }

    /** The answer to a query stopped by its time limit. */
    SparqlException timedOut(Throwable cause) {
        return new SparqlException(
                503,
                "the query was stopped after its time limit of "
                        + settings.timeout().toSeconds() + " s (vivacite.sparql.timeout)",
                cause);
    }

    private void execute(Prepared query, Duration timeLeft, Consumer<QueryExec> results) {
        if (timeLeft.isNegative() || timeLeft.isZero()) {
            throw timedOut(null);
        }
        QueryRequest run =
                new QueryRequest(query.query(), query.defaultGraphs(), query.namedGraphs(), timeLeft, context);
        try {
            store.stream(run, results);
        } catch (QueryCancelledException e) {
            throw timedOut(e);
        } catch (QueryParseException | QueryException e) {
            throw new SparqlException(400, e.getMessage(), e);
        } catch (ServiceTimeoutException e) {
            throw new SparqlException(504, e.getMessage(), e);
        } catch (ServiceRedirectedException e) {
            throw new SparqlException(502, e.getMessage(), e);
        } catch (QueryExecException e) {
            throw new SparqlException(400, "the query failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e; // the client went away
        }
    }

    /** Every SERVICE of the query names an allowed endpoint outright (a variable cannot be checked here). */
    private void checkServices(Query query) {
        OpWalker.walk(Algebra.compile(query), new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                Node service = op.getService();
                if (!service.isURI()) {
                    throw new SparqlException(
                            400,
                            "SERVICE " + service + ": with a remote public store, SERVICE must name an endpoint of the"
                                    + " allow-list (" + FederationPolicy.ALLOW_SETTING + ") outright");
                }
                if (!policy.allows(service.getURI())) {
                    throw new SparqlException(
                            400,
                            "SERVICE <" + service.getURI() + "> is not on this endpoint's federation allow-list ("
                                    + FederationPolicy.ALLOW_SETTING + ")");
                }
            }
        });
    }

    /**
     * Writes at most {@code max} rows or triples. The cap is applied to the answer, not added to the
     * query as a LIMIT, which would change the query's plan (a large top-N for every ORDER BY).
     */
    private static void write(QueryExec exec, Query query, ResultFormat format, long max, Answer answer) {
        try {
            if (query.isSelectType()) {
                RowSet all = exec.select();
                RowSet rows = RowSetStream.create(all.getResultVars(), Iter.limit(all, max));
                rows.hasNext(); // the first result, or the first error, before anything is sent
                ResultsWriter.create().lang(format.lang).build().write(held(answer, format), rows);
            } else if (query.isAskType()) {
                boolean result = exec.ask();
                ResultsWriter.create().lang(format.lang).build().write(held(answer, format), result);
            } else {
                Iterator<Triple> triples = Iter.limit(triples(exec, query), max);
                triples.hasNext();
                writeTriples(triples, query, format, held(answer, format));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer's body with the writers' flushes held back: the server sends its buffer when it is
     * full and the rest once the answer is whole, so an answer smaller than the buffer that the time
     * limit stops while it is written still gets the limit's 503 instead of a cut.
     */
    private static OutputStream held(Answer answer, ResultFormat format) throws IOException {
        return new FilterOutputStream(answer.start(format)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void flush() {}
        };
    }

    private static Iterator<Triple> triples(QueryExec exec, Query query) {
        return query.isDescribeType() ? exec.describeTriples() : exec.constructTriples();
    }

    private static void writeTriples(Iterator<Triple> triples, Query query, ResultFormat format, OutputStream out) {
        RDFFormat streaming = switch (format) {
            case TURTLE -> RDFFormat.TURTLE_BLOCKS;
            case NTRIPLES -> RDFFormat.NTRIPLES;
            default -> null;
        };
        if (streaming != null) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, streaming);
            stream.start();
            StreamRDFOps.sendPrefixesToStream(query.getPrefixMapping(), stream);
            triples.forEachRemaining(stream::triple);
            stream.finish();
            return;
        }
        // JSON-LD and RDF/XML are written from a graph of at most max-results triples, without the
        // pretty writers' analysis of the whole graph, which the time limit would not stop.
        Graph graph = GraphFactory.createDefaultGraph();
        graph.getPrefixMapping().setNsPrefixes(query.getPrefixMapping());
        triples.forEachRemaining(graph::add);
        RDFDataMgr.write(out, graph, format == ResultFormat.RDFXML ? RDFFormat.RDFXML_PLAIN : RDFFormat.JSONLD_PLAIN);
    }
}
