package org.vivacite.sparql.federation;

import java.net.http.HttpTimeoutException;
import org.apache.jena.graph.Node;
import org.apache.jena.http.RegistryHttpClient;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.service.single.ServiceExecutor;
import org.apache.jena.sparql.service.single.ServiceExecutorHttp;

/**
 * The only SERVICE executor of a query under a {@link FederationPolicy}. ARQ calls it once per
 * solution of the input with the SERVICE target already substituted, so an IRI built at run time
 * ({@code BIND(IRI(...) AS ?s) SERVICE ?s}) is checked like a written one. A refused target never
 * reaches HTTP; an allowed one is called by Jena's own HTTP executor, through the policy's
 * {@link FederationHttpClient}.
 */
final class PolicyServiceExecutor implements ServiceExecutor {

    private final FederationPolicy policy;
    private final ServiceExecutor http = new ServiceExecutorHttp();

    PolicyServiceExecutor(FederationPolicy policy) {
        this.policy = policy;
    }

    @Override
    public QueryIterator createExecution(
            OpService opExecute, OpService opOriginal, Binding binding, ExecutionContext execCxt) {
        Node service = opExecute.getService();
        if (!service.isURI() || !policy.allows(service.getURI())) {
            if (opExecute.getSilent()) {
                return QueryIterSingleton.create(binding, execCxt);
            }
            throw new ServiceRefusedException(NodeFmtLib.strNT(service));
        }
        String endpoint = service.getURI();
        checkClientIsThePolicys(endpoint, execCxt);
        try {
            return http.createExecution(opExecute, opOriginal, binding, execCxt);
        } catch (RuntimeException e) {
            throw explain(endpoint, e);
        }
    }

    /**
     * Jena picks a client from its process-wide {@link RegistryHttpClient} before the one in the
     * context; either way the call must go through the policy's client, which does not follow
     * redirects and keeps the time limit.
     */
    private void checkClientIsThePolicys(String endpoint, ExecutionContext execCxt) {
        if (RegistryHttpClient.get().find(endpoint) != null) {
            throw new FederationException("SERVICE <" + endpoint + "> is not called: Jena's RegistryHttpClient holds"
                    + " a process-wide HttpClient for it, which would bypass the federation policy");
        }
        if (execCxt.getContext().get(ARQ.httpQueryClient) != policy.httpClient()) {
            throw new FederationException("SERVICE <" + endpoint + "> is not called: the query context does not"
                    + " hold the federation policy's HttpClient; set every key of FederationPolicy.context()");
        }
    }

    /** The policy's own exception behind a failed call, if any: Jena wraps what the client throws. */
    private RuntimeException explain(String endpoint, RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FederationException federation) {
                return federation;
            }
            if (t instanceof HttpTimeoutException) {
                return new ServiceTimeoutException(endpoint, policy.timeout(), failure);
            }
        }
        return failure;
    }
}
