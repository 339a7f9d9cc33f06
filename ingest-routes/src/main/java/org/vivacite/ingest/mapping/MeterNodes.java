package org.vivacite.ingest.mapping;

import org.apache.jena.graph.Node;
import org.vivacite.ingest.registry.RegisteredMeter;

/**
 * The private IRIs of a registered meter: its graph (its dwelling's, or its building's), itself,
 * the feature of interest of its observations, and the pseudonym its observation IRIs start with.
 */
public record MeterNodes(RegisteredMeter meter, Node graph, Node node, Node featureOfInterest, String pseudonym) {}
