package org.vivacite.portal.manager;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.triplestore.PersonalView;
import org.vivacite.triplestore.QuadStore;

/**
 * What a building manager may read (issue 19's table, docs/identity.md): of the buildings assigned
 * to them ({@link BuildingAssignments}), the building's own meters (its plant room's), and a
 * dwelling's consumption only while the household's consent to {@link
 * Purpose#SHARE_WITH_BUILDING_MANAGER} is active, over the time the consent covers since the person
 * who gave it lives there (never the household before them). Every read goes
 * through a {@code PersonalView} of exactly those graphs, made for the request ({@link
 * PersonalData}'s rules: steps, the consent to fine data for steps finer than a day); every read of
 * a dwelling is recorded in its household's {@link AccessLog} before it is answered.
 */
public final class BuildingData {

    /** The role a manager's reads are recorded in. */
    public static final String ROLE = "manager";

    private final QuadStore store;
    private final BuildingAssignments assignments;
    private final Consents consents;
    private final Enrolments enrolments;
    private final AccessLog log;
    private final QuantityRegistry quantities;
    private final String base;
    private final ZoneId zone;
    private final Clock clock;

    public BuildingData(
            QuadStore privateStore,
            BuildingAssignments assignments,
            Consents consents,
            Enrolments enrolments,
            AccessLog log,
            QuantityRegistry quantities,
            String baseIri,
            ZoneId zone,
            Clock clock) {
        this.store = privateStore;
        this.assignments = assignments;
        this.consents = consents;
        this.enrolments = enrolments;
        this.log = log;
        this.quantities = quantities;
        this.base = baseIri;
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * A building assigned to the manager.
     *
     * @param id its identifier, the last segment of its IRI ({@code {base}id/building/{id}})
     * @param dwellings how many dwellings of it the private store has
     * @param sharing how many of them share their data with the manager now
     */
    public record Building(String id, String iri, int dwellings, int sharing) {}

    /** The buildings assigned to the manager. */
    public List<Building> buildings(String subject) {
        Instant now = clock.instant();
        List<Building> out = new ArrayList<>();
        for (String b : assignments.buildings(subject)) {
            Spaces s = spaces(b);
            int sharing = (int) s.dwellings.keySet().stream()
                    .filter(d -> share(d, now).isPresent())
                    .count();
            out.add(new Building(b.substring(b.lastIndexOf('/') + 1), b, s.dwellings.size(), sharing));
        }
        return out;
    }

    /**
     * A dwelling's series, under the consent that shares it: its points within the consent's time
     * and since the person who gave it lives there only.
     */
    public record Dwelling(String dwelling, String consent, List<PersonalData.Point> points) {}

    /**
     * A building's consumption: its own meters', and the dwellings' that share theirs.
     *
     * @param points the building-level meters' steps
     * @param withheld how many dwellings of the building share nothing with the manager now
     */
    public record Consumption(
            String building,
            String fluid,
            String step,
            String unit,
            Instant from,
            Instant to,
            List<PersonalData.Point> points,
            List<Dwelling> dwellings,
            int withheld) {}

    /**
     * The consumption of a fluid over {@code [from, to)} in steps, in a building assigned to the
     * manager; the reads of dwellings are in their access logs before this returns.
     *
     * @param id the building's identifier ({@link Building#id()})
     * @throws ManagerException.NotAssigned for a building not assigned to the manager
     * @throws org.vivacite.portal.personal.PersonalException naming the parameter, as {@link
     *     PersonalData#consumption} does
     */
    public Consumption consumption(String subject, String id, String fluid, String step, Instant from, Instant to) {
        String building = base + "id/building/" + id;
        if (id == null || id.isBlank() || !assignments.buildings(subject).contains(building)) {
            throw new ManagerException.NotAssigned(building);
        }
        Instant now = clock.instant();
        Spaces spaces = spaces(building);
        Map<String, Share> shared = new TreeMap<>();
        spaces.dwellings.forEach((d, g) -> share(d, now).ifPresent(c -> shared.put(d, c)));
        // what the manager may see, in the shape of enrolments: the building, and each sharing dwelling
        // over the time it is shared
        List<Enrolments.Enrolment> visible = new ArrayList<>();
        if (!spaces.plantRooms.isEmpty()) {
            visible.add(new Enrolments.Enrolment(subject, building, spaces.plantRooms, Instant.EPOCH, null));
        }
        shared.forEach((d, c) -> visible.add(
                new Enrolments.Enrolment(subject, d, List.of(spaces.dwellings.get(d)), c.from(), c.until())));
        PersonalData data = new PersonalData(store, (s, at) -> visible, consents, quantities, zone, clock);
        PersonalData.Consumption all = data.consumption(subject, null, fluid, step, from, to);
        if (!shared.isEmpty()) {
            log.record(
                    new AccessLog.Reader(subject, ROLE),
                    shared.keySet(),
                    "consumption of " + all.fluid() + " by " + all.step() + " from " + from + " to " + to
                            + " (building " + building + ")",
                    "billing by individual consumption, under the household's consent to "
                            + Purpose.SHARE_WITH_BUILDING_MANAGER.id() + " "
                            + shared.values().stream()
                                    .map(c -> c.consent().id())
                                    .toList());
        }
        List<PersonalData.Point> own = List.of();
        List<Dwelling> dwellings = new ArrayList<>();
        for (PersonalData.Series s : all.dwellings()) {
            if (s.dwelling().equals(building)) {
                own = s.points();
            } else {
                Share c = shared.get(s.dwelling());
                dwellings.add(new Dwelling(
                        s.dwelling(),
                        c.consent().id(),
                        s.points().stream()
                                .filter(p -> !p.from().isBefore(c.from()) && !p.to().isAfter(c.until()))
                                .toList()));
            }
        }
        return new Consumption(
                building,
                all.fluid(),
                all.step(),
                all.unit(),
                from,
                to,
                own,
                dwellings,
                spaces.dwellings.size() - shared.size());
    }

    /**
     * The consumption of a fluid over {@code [from, to)} in steps measured by the building's own
     * meters (its plant rooms') only: no dwelling is read, so no household's access log changes.
     * The tertiary-sector decree ({@link TertiaryDecree}) counts these.
     *
     * @throws ManagerException.NotAssigned for a building not assigned to the manager
     * @throws org.vivacite.portal.personal.PersonalException naming the parameter, as {@link
     *     PersonalData#consumption} does
     */
    public PersonalData.Consumption own(
            String subject, String id, String fluid, String step, Instant from, Instant to) {
        String building = base + "id/building/" + id;
        if (id == null || id.isBlank() || !assignments.buildings(subject).contains(building)) {
            throw new ManagerException.NotAssigned(building);
        }
        Spaces spaces = spaces(building);
        List<Enrolments.Enrolment> visible = spaces.plantRooms.isEmpty()
                ? List.of()
                : List.of(new Enrolments.Enrolment(subject, building, spaces.plantRooms, Instant.EPOCH, null));
        return new PersonalData(store, (s, at) -> visible, consents, quantities, zone, clock)
                .consumption(subject, null, fluid, step, from, to);
    }

    /**
     * A dwelling's reading for the heating cost split ({@link HeatingStatements}).
     *
     * @param floorArea its {@code vc:floorArea}, m², null when the store has none
     * @param units what its devices measured over the period (the sum of its days), null when they
     *     read nothing
     * @param shown whether its household's consent to {@link Purpose#SHARE_WITH_BUILDING_MANAGER}
     *     covers the whole period (since its giver lives there): only then may the manager see {@code
     *     units}
     */
    public record Metered(String dwelling, BigDecimal floorArea, BigDecimal units, boolean shown) {}

    /**
     * Every dwelling's total of {@code fluid} over {@code [from, to)} in a building assigned to the
     * manager, to split its heating cost: the individualisation of heating costs is a legal
     * obligation of the building (code de la construction et de l'habitation, L.174-3 and R.174-10;
     * GDPR art. 6(1)(c)), so every dwelling is read, consent or not, as a billing service reads it.
     * The manager may see a dwelling's units only where {@link Metered#shown()} says so; the caller
     * must keep the others to the computation. The read is recorded, before this returns, in the
     * access log of every dwelling read, with that reason.
     *
     * @param fluid {@code heat-cost-allocation} (EN 834 units) or {@code heat} (kWh)
     * @throws ManagerException.NotAssigned for a building not assigned to the manager
     */
    public List<Metered> forSplit(String subject, String id, String fluid, Instant from, Instant to) {
        String building = base + "id/building/" + id;
        if (id == null || id.isBlank() || !assignments.buildings(subject).contains(building)) {
            throw new ManagerException.NotAssigned(building);
        }
        Instant now = clock.instant();
        Spaces spaces = spaces(building);
        if (spaces.dwellings.isEmpty()) {
            return List.of();
        }
        List<Enrolments.Enrolment> all = new ArrayList<>();
        spaces.dwellings.forEach(
                (d, g) -> all.add(new Enrolments.Enrolment(subject, d, List.of(g), Instant.EPOCH, null)));
        PersonalData data = new PersonalData(store, (s, at) -> all, consents, quantities, zone, clock);
        PersonalData.Consumption read = data.consumption(subject, null, fluid, "P1D", from, to);
        Map<String, BigDecimal> units = new HashMap<>();
        for (PersonalData.Series s : read.dwellings()) {
            s.points().stream()
                    .map(PersonalData.Point::value)
                    .reduce(BigDecimal::add)
                    .ifPresent(u -> units.put(s.dwelling(), u));
        }
        Map<String, BigDecimal> areas = new HashMap<>();
        Node floorArea = NodeFactory.createURI(Namespaces.VC + "floorArea");
        PersonalView.matching(
                        store,
                        List.copyOf(new LinkedHashSet<>(spaces.dwellings.values())),
                        spaces.dwellings.keySet().stream()
                                .map(d -> Triple.create(NodeFactory.createURI(d), floorArea, Node.ANY))
                                .toList())
                .select("SELECT ?d ?a { ?d <" + floorArea.getURI() + "> ?a }")
                .rows()
                .forEach(r -> {
                    if (r.get("a").isLiteral()) {
                        try {
                            areas.put(
                                    r.get("d").getURI(),
                                    new BigDecimal(r.get("a").getLiteralLexicalForm()));
                        } catch (NumberFormatException e) {
                            // not a number: as if there were none, and the split names the dwelling
                        }
                    }
                });
        List<String> shared = new ArrayList<>();
        List<Metered> out = new ArrayList<>();
        for (String d : spaces.dwellings.keySet()) {
            boolean shown = share(d, now)
                    .filter(c -> !c.from().isAfter(from)
                            && (c.until() == null || !c.until().isBefore(to)))
                    .isPresent();
            if (shown) {
                shared.add(d);
            }
            out.add(new Metered(d, areas.get(d), units.get(d), shown));
        }
        log.record(
                new AccessLog.Reader(subject, ROLE),
                spaces.dwellings.keySet(),
                "total of " + read.fluid() + " from " + from + " to " + to + " (building " + building + ")",
                "heating cost split by individual consumption, a legal obligation (code de la construction et de"
                        + " l'habitation L.174-3, R.174-10); the total is shown to the manager only under the"
                        + " household's consent to " + Purpose.SHARE_WITH_BUILDING_MANAGER.id() + " ("
                        + shared.size() + " of " + spaces.dwellings.size() + " dwellings)");
        return out;
    }

    /**
     * A dwelling shared with the manager: the consent, and the time it covers, from its start or
     * from the day the person who gave it began to live there, whichever is later (never the
     * previous household's data), to its end.
     */
    private record Share(Consent consent, Instant from, Instant until) {}

    /** The household's active consent to share with the building manager (the earliest begun if several), if its giver lives there. */
    private Optional<Share> share(String dwelling, Instant now) {
        return consents.of(List.of(dwelling)).stream()
                .filter(c -> c.purpose() == Purpose.SHARE_WITH_BUILDING_MANAGER && c.activeAt(now) && !c.fromRegistry())
                .sorted(Comparator.comparing(Consent::from))
                .flatMap(c -> enrolments.of(c.subject(), now).stream()
                        .filter(e -> e.dwelling().equals(dwelling))
                        .map(e -> new Share(c, c.from().isAfter(e.from()) ? c.from() : e.from(), c.until())))
                .findFirst();
    }

    /** A building's spaces in the private store: its dwellings (by IRI, their graph) and its plant rooms' graphs. */
    private record Spaces(Map<String, String> dwellings, List<String> plantRooms) {}

    private Spaces spaces(String building) {
        ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT DISTINCT ?g ?space ?dwelling WHERE {"
                + " GRAPH ?g { ?space s4bldg:isSpaceOf ?b . OPTIONAL { ?space a vc:Dwelling . BIND (?space AS ?dwelling) } } }"
                + " ORDER BY ?g ?space");
        q.setNsPrefix("s4bldg", Namespaces.S4BLDG);
        q.setNsPrefix("vc", Namespaces.VC);
        q.setIri("b", building);
        Map<String, String> dwellings = new LinkedHashMap<>();
        List<String> plantRooms = new ArrayList<>();
        for (var r : store.select(q.toString()).rows()) {
            String g = r.get("g").getURI();
            if (r.get("dwelling") != null) {
                dwellings.put(r.get("dwelling").getURI(), g);
            } else if (!plantRooms.contains(g)) {
                plantRooms.add(g);
            }
        }
        return new Spaces(dwellings, plantRooms);
    }
}
