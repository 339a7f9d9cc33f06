package org.vivacite.portal.rights;

import java.util.List;
import org.apache.jena.graph.Graph;

/**
 * Records about a person that areas of the portal keep beside their household's data (targets,
 * the alerts sent, the alert address): the export includes them and the erasure removes them, so
 * that the rights reach every area without knowing each one.
 */
public interface PersonalRecords {

    /** The name of the export's file ({@code {name}.jsonld}) and of the count in the erasure's proof. */
    String name();

    /** The person's records about these dwellings (their own, never another household's), as RDF. */
    Graph export(String subject, List<String> dwellings);

    /** Erases for good the person's records about the dwelling; how many records went. */
    int erase(String subject, String dwelling);
}
