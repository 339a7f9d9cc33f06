package org.vivacite.territory.building;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.RDFS;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * The community's public buildings (docs/territory.md): {@code rnb_id}, {@code name}, {@code use}
 * (a notation of {@code vc:sectors}), {@code floor_area_m2}, {@code publish_individually}. Adds
 * to a building already in the territory its name (as its label), use, floor area, {@code
 * vc:publishIndividually} and {@code vc:ownerKind vc:publicOwner}; a building that is not there is
 * reported by its RNB id.
 */
public final class PublicBuildingCsvSource implements TerritorySource {

    static final List<String> COLUMNS = List.of("rnb_id", "name", "use", "floor_area_m2", "publish_individually");

    @Override
    public String kind() {
        return "public buildings (CSV)";
    }

    @Override
    public int stage() {
        return DWELLINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        List<String> header = Table.header(head);
        return header.contains("rnb_id") && header.contains("publish_individually");
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
            String name = row.get("name");
            if (name.isEmpty()) {
                throw row.error("name is empty");
            }
            Resource use = Cells.concept(row, "use", VC.sectors);
            if (use == null) {
                throw row.error("use is empty (one of residential, tertiary, public, industry)");
            }
            Literal area = Cells.area(row, "floor_area_m2", draft.territory());
            Boolean individually = Cells.flag(row, "publish_individually");
            Resource building = buildings.existing(rnb);
            if (building == null) {
                draft.unplaced(file.getFileName().toString(), rnb, "building is not in the territory");
                return;
            }
            building.removeAll(RDFS.label).addProperty(RDFS.label, name, "fr");
            building.removeAll(VC.use).addProperty(VC.use, use);
            building.removeAll(VC.ownerKind)
                    .addProperty(VC.ownerKind, ResourceFactory.createResource(VC.NS + "publicOwner"));
            if (area != null) {
                building.removeAll(VC.floorArea).addLiteral(VC.floorArea, area);
            }
            if (individually != null) {
                building.removeAll(VC.publishIndividually)
                        .addLiteral(VC.publishIndividually, individually.booleanValue());
            }
        });
    }
}
