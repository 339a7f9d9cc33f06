package org.vivacite.opendata.aggregate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.SparqlQueries;

/**
 * The territory the views aggregate over, read from the territory graph: every area with its
 * level, code, label and parent, and what the rules need of buildings (sector, whether the
 * community publishes it individually, floor area).
 */
public final class Territory {

    /** A building's own facts. */
    public record Building(Area area, Sector sector, boolean publishIndividually, BigDecimal floorArea) {}

    private final Map<String, Area> areas;
    private final Map<String, Building> buildings;

    Territory(Map<String, Area> areas, Map<String, Building> buildings) {
        this.areas = areas;
        this.buildings = buildings;
    }

    /** Reads the territory graph {@code territoryGraph} of a store. */
    public static Territory read(SparqlQueries store, String territoryGraph) {
        String vc = Namespaces.VC;
        String query = "PREFIX vc: <" + vc + ">\nPREFIX skos: <" + Namespaces.SKOS + ">\n"
                + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?a ?type ?code ?label ?parent ?use ?individual ?area WHERE { GRAPH <" + territoryGraph
                + "> {\n"
                + "  VALUES ?type { <" + Namespaces.S4BLDG
                + "Building> vc:Street vc:District vc:Commune vc:Metropolis }\n"
                + "  ?a a ?type .\n"
                + "  OPTIONAL { ?a skos:notation ?code FILTER(datatype(?code) IN (vc:RnbId, vc:BanStreetCode, vc:IrisCode,"
                + " vc:InseeCommuneCode, vc:SirenCode)) }\n"
                + "  OPTIONAL { ?a rdfs:label ?label }\n"
                + "  OPTIONAL { ?a vc:partOf ?parent }\n"
                + "  OPTIONAL { ?a vc:use ?use }\n"
                + "  OPTIONAL { ?a vc:publishIndividually ?individual }\n"
                + "  OPTIONAL { ?a vc:floorArea ?area }\n"
                + "} }";
        Map<String, Area> areas = new HashMap<>();
        Map<String, Building> buildings = new HashMap<>();
        for (Map<String, Node> row : store.select(query).rows()) {
            String iri = row.get("a").getURI();
            TerritorialLevel level = level(row.get("type").getURI());
            Area area = new Area(
                    iri,
                    level,
                    literal(row.get("code"), iri),
                    literal(row.get("label"), iri),
                    row.get("parent") == null ? null : row.get("parent").getURI());
            Area known = areas.putIfAbsent(iri, area);
            if (known != null
                    && known.label().equals(known.iri())
                    && !area.label().equals(iri)) {
                areas.put(iri, area);
            }
            if (level == TerritorialLevel.BUILDING && row.get("use") != null) {
                Node individual = row.get("individual");
                Node floor = row.get("area");
                buildings.put(
                        iri,
                        new Building(
                                areas.get(iri),
                                Sector.ofIri(row.get("use").getURI()),
                                individual != null && "true".equals(individual.getLiteralLexicalForm()),
                                floor == null ? null : new BigDecimal(floor.getLiteralLexicalForm())));
            }
        }
        buildings.replaceAll(
                (iri, b) -> new Building(areas.get(iri), b.sector(), b.publishIndividually(), b.floorArea()));
        return new Territory(areas, buildings);
    }

    private static TerritorialLevel level(String classIri) {
        for (TerritorialLevel l : TerritorialLevel.values()) {
            if (l.levelClassIri().equals(classIri)) {
                return l;
            }
        }
        throw new OpenDataException("not a territorial level class: " + classIri);
    }

    private static String literal(Node n, String fallback) {
        return n == null ? fallback : n.getLiteralLexicalForm();
    }

    public Area area(String iri) {
        return areas.get(iri);
    }

    public Building building(String iri) {
        return buildings.get(iri);
    }

    /** Every area, in no particular order. */
    public java.util.Collection<Area> areas() {
        return areas.values();
    }

    public java.util.Collection<Building> buildings() {
        return buildings.values();
    }

    /** The area and every area above it, finest first. */
    public List<Area> upFrom(String iri) {
        List<Area> chain = new ArrayList<>();
        for (Area a = areas.get(iri);
                a != null && chain.size() < 10;
                a = a.parent() == null ? null : areas.get(a.parent())) {
            chain.add(a);
        }
        return chain;
    }
}
