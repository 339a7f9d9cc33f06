package org.vivacite.territory.area;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * INSEE's Code officiel géographique, list of communes (CSV: {@code TYPECOM,COM,…,LIBELLE,…}): the
 * official code and name of each commune ({@code TYPECOM} {@code COM}; delegated and associated
 * communes and municipal arrondissements are left out). Only the communes that a grouping of the
 * import contains stay in the territory.
 */
public final class CogCommunes implements TerritorySource {

    @Override
    public String kind() {
        return "INSEE COG communes (CSV)";
    }

    @Override
    public int stage() {
        return COMMUNES;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        Set<String> header = Tables.header(head);
        return header.containsAll(List.of("typecom", "com", "libelle"));
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        Model m = draft.territory();
        Tables.rows(file, List.of("typecom", "com", "libelle"), (line, row) -> {
            if (!"COM".equals(row.get("typecom"))) {
                return;
            }
            String insee = row.code(
                    "com", Areas.INSEE, "an INSEE commune code (5 characters: 2 for the département, 3 digits)");
            String name = row.required("libelle");
            Resource commune = Areas.commune(m, draft.base(), insee);
            Areas.describe(commune, VC.Commune, insee, VC.InseeCommuneCode, name);
        });
    }

    /** Communes of the list that no grouping of the import contains are not in the territory. */
    @Override
    public void complete(TerritoryDraft draft) {
        for (Resource commune : Areas.all(draft.territory(), VC.Commune)) {
            if (!Areas.isPartOf(commune)) {
                Areas.remove(commune);
            }
        }
    }
}
