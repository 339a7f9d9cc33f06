package org.vivacite.territory.building;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.territory.TerritoryDraft;
import org.vivacite.territory.TerritorySource;

/**
 * The dwelling CSV of landlords or the city (docs/territory.md): {@code dwelling_id}, the building
 * as {@code rnb_id} or {@code ban_id}, and optionally {@code floor_area_m2}, {@code
 * heating_energy}, {@code heating_system}, {@code construction_year}, {@code social_landlord},
 * {@code occupants}.
 * Dwellings are private: they go to the draft's private model only, under {@code
 * {base}dwelling/{pseudonym of the dwelling id}} (the IRI the ingest pipeline gives a meter's
 * dwelling), never with the id itself. Their building, which must be in the territory, becomes
 * residential when it has no use yet. A dwelling whose building is unknown is reported by its id.
 */
public final class DwellingCsvSource implements TerritorySource {

    /** The values of {@code heating_energy} and the commodities they stand for. */
    static final Map<String, Resource> ENERGIES = Map.of(
            "electricity", Terms.ELECTRICITY,
            "gas", Terms.GAS,
            "district-heat", VC.districtHeat,
            "fuel-oil", ResourceFactory.createResource(VC.NS + "fuelOil"),
            "wood", ResourceFactory.createResource(VC.NS + "woodFuel"));

    private static final Resource HEATING_SYSTEMS = ResourceFactory.createResource(VC.NS + "heatingSystems");
    private static final Property HEATING_ENERGY = ResourceFactory.createProperty(VC.NS, "heatingEnergy");

    @Override
    public String kind() {
        return "dwellings (CSV)";
    }

    @Override
    public int stage() {
        return DWELLINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        List<String> header = Table.header(head);
        return header.contains("dwelling_id") && (header.contains("rnb_id") || header.contains("ban_id"));
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        Pseudonyms pseudonyms = draft.pseudonyms();
        Model dwellings = draft.dwellings();
        BuildingWriter buildings = BuildingWriter.of(draft);
        Map<String, Long> seen = new HashMap<>();
        Table.read(file, List.of("dwelling_id"), row -> {
            String id = row.get("dwelling_id");
            if (id.isEmpty()) {
                throw row.error("dwelling_id is empty");
            }
            Long first = seen.putIfAbsent(id, row.line());
            if (first != null) {
                throw row.error("dwelling_id again (first on line " + first + ")");
            }
            // Every cell is checked before the building is looked up, so a bad file fails whatever it names.
            Literal area = Cells.area(row, "floor_area_m2", dwellings);
            Resource system = Cells.concept(row, "heating_system", HEATING_SYSTEMS);
            Resource energy = energy(row);
            Literal year = Cells.year(row, "construction_year", dwellings);
            Literal occupants = Cells.count(row, "occupants", dwellings);
            Resource building = building(row, draft, buildings);
            if (building == null) {
                return;
            }
            Resource dwelling = dwellings.createResource(draft.base() + "dwelling/" + pseudonyms.of("dwelling", id));
            dwellings.removeAll(dwelling, null, null);
            dwelling.addProperty(RDF.type, VC.Dwelling).addProperty(Terms.IS_SPACE_OF, building);
            if (area != null) {
                dwelling.addLiteral(VC.floorArea, area);
            }
            if (system != null) {
                dwelling.addProperty(VC.heatingSystem, system);
            }
            if (energy != null) {
                dwelling.addProperty(HEATING_ENERGY, energy);
            }
            if (year != null) {
                dwelling.addLiteral(VC.yearBuilt, year);
            }
            if (occupants != null) {
                dwelling.addLiteral(VC.occupants, occupants);
            }
            if (!row.get("social_landlord").isEmpty()) {
                dwelling.addProperty(VC.ownerKind, ResourceFactory.createResource(VC.NS + "socialLandlord"));
            }
            if (!building.hasProperty(VC.use)) {
                building.addProperty(VC.use, ResourceFactory.createResource(VC.NS + "residential"));
            }
        });
    }

    private static Resource energy(Table.Row row) {
        String value = row.get("heating_energy").toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        Resource energy = ENERGIES.get(value);
        if (energy == null) {
            throw row.error("heating_energy '" + row.get("heating_energy") + "' is not one of "
                    + new TreeSet<>(ENERGIES.keySet()));
        }
        return energy;
    }

    /** The dwelling's building in the territory, by RNB id or BAN address; null when reported unplaced. */
    private static Resource building(Table.Row row, TerritoryDraft draft, BuildingWriter buildings) {
        String file = row.file().getFileName().toString();
        String id = row.get("dwelling_id");
        String rnb = row.get("rnb_id");
        if (!rnb.isEmpty()) {
            BuildingWriter.rnb(row, "rnb_id");
            Resource building = buildings.existing(rnb);
            if (building == null) {
                draft.unplaced(file, id, "building " + rnb + " is not in the territory");
            }
            return building;
        }
        String key = row.get("ban_id").toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw row.error("neither rnb_id nor ban_id");
        }
        if (Addresses.street(key) == null) {
            throw row.error("ban_id '" + row.get("ban_id") + "' is not a BAN address key");
        }
        String at = Addresses.of(draft).buildingAt(key);
        if (at != null) {
            return buildings.existing(at);
        }
        Literal notation = draft.territory().createTypedLiteral(key, VC.BanAddressKey.getURI());
        List<Statement> found =
                draft.territory().listStatements(null, SKOS.notation, notation).toList();
        if (found.size() == 1) {
            return found.get(0).getSubject();
        }
        draft.unplaced(
                file,
                id,
                found.isEmpty()
                        ? "no building of the territory at BAN address " + key
                        : "several buildings at BAN address " + key);
        return null;
    }
}
