package org.vivacite.territory.building;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Resource;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * What the city knows of its other buildings (docs/territory.md): {@code rnb_id}, {@code use} (a
 * notation of {@code vc:sectors}) and {@code floor_area_m2}, which the RNB does not say. Sets the
 * use and floor area of a building already in the territory; a building that is not there is
 * reported by its RNB id. Offices and shops get their sector this way, and buildings metered as a
 * whole (a plant room's heat meter) the floor area their consumption per m² needs.
 */
public final class BuildingUseCsvSource implements TerritorySource {

    static final List<String> COLUMNS = List.of("rnb_id", "use", "floor_area_m2");

    @Override
    public String kind() {
        return "building uses (CSV)";
    }

    @Override
    public int stage() {
        return DWELLINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        List<String> header = Table.header(head);
        return header.contains("rnb_id")
                && header.contains("use")
                && !header.contains("publish_individually")
                && !header.contains("dwelling_id")
                && !header.contains("ban_id")
                && !header.contains("nom_voie");
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        BuildingWriter buildings = BuildingWriter.of(draft);
        Map<String, Long> seen = new HashMap<>();
        Table.read(file, COLUMNS, row -> {
            String rnb = BuildingWriter.rnb(row, "rnb_id");
            Long first = seen.putIfAbsent(rnb, row.line());
            if (first != null) {
                throw BuildingWriter.twice(row, rnb, first);
            }
            Resource use = Cells.concept(row, "use", VC.sectors);
            if (use == null) {
                throw row.error("use is empty (one of residential, tertiary, public, industry)");
            }
            Literal area = Cells.area(row, "floor_area_m2", draft.territory());
            Resource building = buildings.existing(rnb);
            if (building == null) {
                draft.unplaced(file.getFileName().toString(), rnb, "building is not in the territory");
                return;
            }
            building.removeAll(VC.use).addProperty(VC.use, use);
            if (area != null) {
                building.removeAll(VC.floorArea).addLiteral(VC.floorArea, area);
            }
        });
    }
}
