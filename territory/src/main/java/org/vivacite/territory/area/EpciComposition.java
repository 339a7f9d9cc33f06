package org.vivacite.territory.area;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * The composition of intercommunalities (EPCI) as the DGCL publishes it ({@code epcicom}, CSV:
 * {@code dept,siren,raison_sociale,…,insee,siren_membre,nom_membre,…}), whole or for one EPCI: each
 * EPCI becomes a {@code vc:Metropolis} (its SIREN, its name) and each member commune {@code
 * vc:partOf} it. These communes are the territory.
 */
public final class EpciComposition implements TerritorySource {

    private static final List<String> COLUMNS = List.of("siren", "raison_sociale", "insee", "nom_membre");

    @Override
    public String kind() {
        return "DGCL EPCI composition (CSV)";
    }

    @Override
    public int stage() {
        return GROUPINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        Set<String> header = Tables.header(head);
        return header.containsAll(COLUMNS);
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        Model m = draft.territory();
        Tables.rows(file, COLUMNS, (line, row) -> {
            String siren = row.code("siren", Areas.SIREN, "a SIREN number (9 digits)");
            String insee = row.code(
                    "insee", Areas.INSEE, "an INSEE commune code (5 characters: 2 for the département, 3 digits)");
            Resource epci = Areas.metropolis(m, draft.base(), siren);
            Areas.describe(epci, VC.Metropolis, siren, VC.SirenCode, row.required("raison_sociale"));
            Resource commune = Areas.commune(m, draft.base(), insee);
            Statement other = commune.getProperty(VC.partOf);
            if (other != null && !other.getObject().equals(epci)) {
                throw row.error("commune " + insee + " is a member of EPCI " + siren + " and of "
                        + Areas.code(other.getResource()) + " already; a commune belongs to one EPCI");
            }
            Areas.describe(commune, VC.Commune, insee, VC.InseeCommuneCode, row.required("nom_membre"));
            commune.addProperty(VC.partOf, epci);
        });
    }
}
