package org.vivacite.portal.rights;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.vivacite.ontology.Ontology;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.portal.Enrolments;
import org.vivacite.triplestore.PersonalView;
import org.vivacite.triplestore.QuadStore;

/**
 * The right to rectification (GDPR art. 16) of the facts of a dwelling the person lives in: its
 * floor area (m², a positive decimal of at most {@link #MAX_FLOOR_AREA}) and its heating system (a
 * concept of {@code vc:heatingSystems}, by its notation). Each is replaced in the dwelling's private
 * graph, in one transaction; a bad value is refused naming the field, and nothing is changed.
 */
public final class DwellingFacts {

    /** The largest floor area accepted, m²: beyond it, a typing error rather than a dwelling. */
    public static final BigDecimal MAX_FLOOR_AREA = new BigDecimal("10000");

    private final QuadStore store;
    private final Enrolments enrolments;
    private final Clock clock;
    /** The heating systems by notation ({@code district-heating}…), from the ontology. */
    private final Map<String, String> heatingSystems = new TreeMap<>();
    /** Their labels by notation, then language ({@code skos:prefLabel}). */
    private final Map<String, Map<String, String>> heatingLabels = new TreeMap<>();

    public DwellingFacts(QuadStore privateStore, Enrolments enrolments, Clock clock) {
        this.store = privateStore;
        this.enrolments = enrolments;
        this.clock = clock;
        Model vocabulary = Ontology.vocabulary();
        Resource scheme = vocabulary.createResource(Namespaces.VC + "heatingSystems");
        vocabulary.listSubjectsWithProperty(SKOS.inScheme, scheme).forEach(c -> {
            RDFNode notation = c.getProperty(SKOS.notation) == null
                    ? null
                    : c.getProperty(SKOS.notation).getObject();
            if (notation != null && notation.isLiteral()) {
                String key = notation.asLiteral().getLexicalForm();
                heatingSystems.put(key, c.getURI());
                Map<String, String> labels = heatingLabels.computeIfAbsent(key, k -> new TreeMap<>());
                c.listProperties(SKOS.prefLabel)
                        .forEachRemaining(l -> labels.put(
                                l.getLiteral().getLanguage(), l.getLiteral().getLexicalForm()));
            }
        });
    }

    /**
     * The heating systems a dwelling may be given, by notation, each with its label in {@code
     * language} (the ontology's {@code skos:prefLabel}; the notation when it has none in that
     * language): what a rectification form offers.
     */
    public Map<String, String> heatingSystems(String language) {
        Map<String, String> out = new LinkedHashMap<>();
        heatingSystems
                .keySet()
                .forEach(k -> out.put(k, heatingLabels.getOrDefault(k, Map.of()).getOrDefault(language, k)));
        return out;
    }

    /**
     * The facts of each dwelling the person lives in now ({@code dwelling}, {@code floorArea}, {@code
     * heatingSystem} by notation; null when not known), read through their view, as {@link #rectify}
     * returns them.
     */
    public List<Map<String, Object>> of(String subject) {
        return enrolments.of(subject, clock.instant()).stream()
                .map(e -> facts(e, graphOf(e)))
                .toList();
    }

    /**
     * Rectifies the facts given (null: left as they are) of a dwelling the person lives in (the only
     * one when {@code dwelling} is null), and returns the dwelling's facts now.
     *
     * @param floorArea as given (a JSON number or string)
     * @throws RightsException naming the field
     */
    public Map<String, Object> rectify(String subject, String dwelling, Object floorArea, String heatingSystem) {
        BigDecimal area = floorArea == null ? null : floorArea(floorArea);
        String system = heatingSystem == null ? null : heatingSystem(heatingSystem);
        if (area == null && system == null) {
            throw new RightsException("floorArea, heatingSystem: name at least one fact to rectify");
        }
        Enrolments.Enrolment e = enrolment(subject, dwelling);
        String graph = graphOf(e);
        ParameterizedSparqlString u = new ParameterizedSparqlString();
        u.setNsPrefix("vc", Namespaces.VC);
        if (area != null) {
            u.append("DELETE WHERE { GRAPH ?g { ?d vc:floorArea ?old } } ;\n");
            u.append("INSERT DATA { GRAPH ?g { ?d vc:floorArea ?area } } ;\n");
            u.setLiteral("area", area.toPlainString(), org.apache.jena.datatypes.xsd.XSDDatatype.XSDdecimal);
        }
        if (system != null) {
            u.append("DELETE WHERE { GRAPH ?g { ?d vc:heatingSystem ?was } } ;\n");
            u.append("INSERT DATA { GRAPH ?g { ?d vc:heatingSystem ?system } }\n");
            u.setIri("system", system);
        }
        u.setIri("g", graph);
        u.setIri("d", e.dwelling());
        store.update(u.toString());
        return facts(e, graph);
    }

    /**
     * Where a dwelling the person lives in is, and what a comparison with other homes needs of it.
     *
     * @param floorArea m², null when not known
     * @param heatingSystem by notation ({@code district-heating}…), null when not known
     * @param areas the building and the areas it is part of, by level, as the territory graph says
     *     (a level it does not name is absent)
     */
    public record Place(
            String dwelling, BigDecimal floorArea, String heatingSystem, Map<TerritorialLevel, String> areas) {}

    /**
     * The place of each dwelling the person lives in now: its facts, read through their view, and the
     * building it is a space of ({@code s4bldg:isSpaceOf}) with the areas above it ({@code vc:partOf}),
     * looked up step by step in the territory graph, which is public.
     */
    public List<Place> places(String subject, String territoryGraph) {
        List<Place> out = new ArrayList<>();
        for (Enrolments.Enrolment e : enrolments.of(subject, clock.instant())) {
            String graph = graphOf(e);
            Map<String, Object> f = facts(e, graph);
            Map<TerritorialLevel, String> areas = new EnumMap<>(TerritorialLevel.class);
            ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT ?b WHERE { ?d s4bldg:isSpaceOf ?b }");
            q.setNsPrefix("s4bldg", Namespaces.S4BLDG);
            q.setIri("d", e.dwelling());
            var rows = PersonalView.matching(
                            store,
                            List.of(graph),
                            List.of(Triple.create(
                                    NodeFactory.createURI(e.dwelling()),
                                    NodeFactory.createURI(Namespaces.S4BLDG + "isSpaceOf"),
                                    Node.ANY)))
                    .select(q.toString())
                    .rows();
            Node area = rows.isEmpty() ? null : rows.get(0).get("b");
            for (int step = 0; area != null && area.isURI() && step < TerritorialLevel.values().length; step++) {
                Node partOf = NodeFactory.createURI(Namespaces.VC + "partOf");
                var view = PersonalView.matching(
                        store,
                        List.of(territoryGraph),
                        List.of(
                                Triple.create(area, RDF.type.asNode(), Node.ANY),
                                Triple.create(area, partOf, Node.ANY)));
                Node next = null;
                for (Triple t :
                        view.construct("CONSTRUCT WHERE { ?s ?p ?o }").find().toList()) {
                    if (t.getPredicate().equals(partOf)) {
                        next = t.getObject();
                    } else {
                        for (TerritorialLevel level : TerritorialLevel.values()) {
                            if (level.levelClassIri().equals(t.getObject().getURI())) {
                                areas.put(level, area.getURI());
                            }
                        }
                    }
                }
                if (step == 0 && !areas.containsKey(TerritorialLevel.BUILDING)) {
                    areas.put(
                            TerritorialLevel.BUILDING,
                            area.getURI()); // the dwelling's building, even if the territory does not describe it
                }
                area = next;
            }
            out.add(new Place(e.dwelling(), (BigDecimal) f.get("floorArea"), (String) f.get("heatingSystem"), areas));
        }
        return out;
    }

    private Enrolments.Enrolment enrolment(String subject, String dwelling) {
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        if (dwelling == null) {
            if (mine.size() != 1) {
                throw new RightsException(
                        "dwelling: you are enrolled in " + mine.size() + " dwellings; name the one to rectify");
            }
            return mine.get(0);
        }
        return mine.stream()
                .filter(x -> x.dwelling().equals(dwelling))
                .findFirst()
                .orElseThrow(() -> new RightsException("dwelling: you are not enrolled in " + dwelling));
    }

    /**
     * The graph that describes the dwelling, read through the person's view: the first of the
     * enrolment's graphs that types it a dwelling (looked up, not read whole).
     */
    private String graphOf(Enrolments.Enrolment e) {
        Triple typed = Triple.create(
                NodeFactory.createURI(e.dwelling()), RDF.type.asNode(), NodeFactory.createURI(VC.Dwelling.getURI()));
        return e.graphs().stream()
                .filter(g -> !PersonalView.matching(store, List.of(g), List.of(typed))
                        .select("SELECT * { ?s ?p ?o } LIMIT 1")
                        .rows()
                        .isEmpty())
                .findFirst()
                .orElseThrow(() ->
                        new RightsException("dwelling: " + e.dwelling() + " is not described in the private store"));
    }

    private Map<String, Object> facts(Enrolments.Enrolment e, String graph) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?area ?system WHERE { OPTIONAL { ?d vc:floorArea ?area } OPTIONAL { ?d vc:heatingSystem ?system } }");
        q.setNsPrefix("vc", Namespaces.VC);
        q.setIri("d", e.dwelling());
        Node d = NodeFactory.createURI(e.dwelling());
        var row = PersonalView.matching(
                        store,
                        List.of(graph),
                        List.of(
                                Triple.create(d, NodeFactory.createURI(Namespaces.VC + "floorArea"), Node.ANY),
                                Triple.create(d, NodeFactory.createURI(Namespaces.VC + "heatingSystem"), Node.ANY)))
                .select(q.toString())
                .rows()
                .get(0);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("dwelling", e.dwelling());
        facts.put(
                "floorArea",
                row.get("area") == null ? null : new BigDecimal(row.get("area").getLiteralLexicalForm()));
        String system = row.get("system") == null ? null : row.get("system").getURI();
        facts.put(
                "heatingSystem",
                heatingSystems.entrySet().stream()
                        .filter(x -> x.getValue().equals(system))
                        .map(Map.Entry::getKey)
                        .findFirst()
                        .orElse(system));
        return facts;
    }

    private static BigDecimal floorArea(Object given) {
        BigDecimal area;
        try {
            area = given instanceof Number n
                    ? new BigDecimal(n.toString())
                    : new BigDecimal(given.toString().strip());
        } catch (NumberFormatException e) {
            throw new RightsException("floorArea: '" + given + "' is not a number of square metres");
        }
        if (area.signum() <= 0 || area.compareTo(MAX_FLOOR_AREA) > 0) {
            throw new RightsException("floorArea: " + area.toPlainString() + " m² is not a dwelling's floor area (more"
                    + " than 0 and at most " + MAX_FLOOR_AREA + " m²)");
        }
        return area.stripTrailingZeros().scale() < 0 ? area.setScale(0) : area.stripTrailingZeros();
    }

    private String heatingSystem(String given) {
        String iri = heatingSystems.get(given.strip());
        if (iri == null) {
            throw new RightsException(
                    "heatingSystem: '" + given + "' is none of " + String.join(", ", heatingSystems.keySet()));
        }
        return iri;
    }
}
