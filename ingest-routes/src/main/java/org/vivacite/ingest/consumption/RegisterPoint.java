package org.vivacite.ingest.consumption;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.jena.graph.Node;

/** A reading of a cumulative register: when, its value (canonical unit), and its observation. */
public record RegisterPoint(Instant time, BigDecimal value, Node observation) {}
