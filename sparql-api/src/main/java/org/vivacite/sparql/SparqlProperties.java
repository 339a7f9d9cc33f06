package org.vivacite.sparql;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the public SPARQL endpoint, under {@code vivacite.sparql.*}.
 *
 * @param timeout the time after which a query is stopped
 * @param maxResults the most rows (or triples) one answer carries; longer answers are cut there
 * @param maxQueriesPerClient queries one client (IP address) may have running or waiting; more get 429
 * @param maxRunningQueries queries running at once for everyone; others wait their turn (within their time limit)
 * @param maxQuerySize the largest query the endpoint reads: a POST body (the query, or the form that carries it);
 *     larger ones get 413 unread
 * @param federation where outgoing SERVICE calls may go
 */
@ConfigurationProperties("vivacite.sparql")
public record SparqlProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("100000") int maxResults,
        @DefaultValue("4") int maxQueriesPerClient,
        @DefaultValue("2") int maxRunningQueries,
        @DefaultValue("128KB") DataSize maxQuerySize,
        @DefaultValue Federation federation) {

    public SparqlProperties {
        if (maxQuerySize.toBytes() < 1 || maxQuerySize.toBytes() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(
                    "vivacite.sparql.max-query-size must be between 1B and 2047MB, not " + maxQuerySize);
        }
    }

    /**
     * @param allow the partner endpoints a query may call with SERVICE, exact URLs; none by default
     * @param timeout the time limit of one SERVICE call
     */
    public record Federation(
            @DefaultValue("") List<String> allow,
            @DefaultValue("10s") Duration timeout) {

        public Federation {
            allow = allow == null
                    ? List.of()
                    : allow.stream().filter(a -> !a.isBlank()).toList();
        }
    }
}
