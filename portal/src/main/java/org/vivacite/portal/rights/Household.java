package org.vivacite.portal.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.portal.Enrolments;
import org.vivacite.triplestore.PersonalView;
import org.vivacite.triplestore.QuadStore;

/**
 * What the private graphs of one enrolment hold of the person, read through a {@link PersonalView}
 * of those graphs only: the dwelling and its meters, and the readings, derived consumption and
 * daily sums of the person's time there.
 *
 * <p>A reading is the person's when it lies within the enrolment: it begins at or after its start
 * (the move-in) and, for an enrolment that ends, ends by its end, the move-out ({@link #since}). An
 * erasure takes more ({@link #erasable}): every reading that overlaps the enrolment, and the daily
 * sums of the move-in and move-out days, which mix another household's hours with the person's.
 */
final class Household {

    private static final Node TYPE = RDF.type.asNode();
    private static final Node OBSERVATION = SOSA.Observation.asNode();
    private static final Node SENSOR = SOSA.Sensor.asNode();
    private static final Node DWELLING = VC.Dwelling.asNode();
    private static final Node ROLLUP = VC.MeterDayRollup.asNode();
    private static final Node ROLLUP_PART = VC.rollupPart.asNode();
    private static final Node DAY = VC.day.asNode();
    private static final Node OCCUPANTS = VC.occupants.asNode();
    private static final Node RESULT_TIME = NodeFactory.createURI(Namespaces.SOSA + "resultTime");
    private static final Node PHENOMENON_TIME = NodeFactory.createURI(Namespaces.SOSA + "phenomenonTime");
    private static final Node GENERATED_BY = NodeFactory.createURI(Namespaces.PROV + "wasGeneratedBy");
    private static final Node BEGINNING = NodeFactory.createURI(Namespaces.TIME + "hasBeginning");
    private static final Node END = NodeFactory.createURI(Namespaces.TIME + "hasEnd");
    private static final Node STAMP = NodeFactory.createURI(Namespaces.TIME + "inXSDDateTimeStamp");

    final Enrolments.Enrolment enrolment;
    /** Everything the enrolment's graphs hold, the previous households' data included. */
    final Graph all;

    private Household(Enrolments.Enrolment enrolment, Graph all) {
        this.enrolment = enrolment;
        this.all = all;
    }

    /** Reads the enrolment's graphs, and nothing else, through a personal view. */
    static Household read(QuadStore privateStore, Enrolments.Enrolment enrolment) {
        PersonalView view = PersonalView.of(privateStore, enrolment.graphs());
        return new Household(enrolment, view.construct("CONSTRUCT WHERE { ?s ?p ?o }"));
    }

    /** Reads one private graph of the enrolment, for its erasure. */
    static Household read(QuadStore privateStore, Enrolments.Enrolment enrolment, String graph) {
        PersonalView view = PersonalView.of(privateStore, List.of(graph));
        return new Household(enrolment, view.construct("CONSTRUCT WHERE { ?s ?p ?o }"));
    }

    /**
     * What the person may take away: the dwelling and its meters, and the readings within the
     * enrolment with their intervals and the receipts of their messages, the daily sums of the
     * whole days within it.
     */
    Graph since(ZoneId zone) {
        Instant from = enrolment.from();
        LocalDate firstDay = from.atZone(zone).toLocalDate();
        if (!from.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            firstDay = firstDay.plusDays(1); // the move-in day is partly the previous household's
        }
        // the move-out day is the next household's, or partly
        LocalDate afterLastDay = enrolment.until() == null
                ? null
                : enrolment.until().atZone(zone).toLocalDate();
        Graph out = GraphFactory.createDefaultGraph();
        Set<Node> subjects = new HashSet<>();
        all.find(Node.ANY, TYPE, DWELLING).forEach(t -> subjects.add(t.getSubject()));
        all.find(Node.ANY, TYPE, SENSOR).forEach(t -> subjects.add(t.getSubject()));
        for (Triple t : all.find(Node.ANY, TYPE, OBSERVATION).toList()) {
            Node o = t.getSubject();
            Instant start = start(o);
            if (start != null && enrolment.covers(start, Objects.requireNonNullElse(end(o), start))) {
                subjects.add(o);
                all.find(o, PHENOMENON_TIME, Node.ANY).forEach(p -> {
                    subjects.add(p.getObject());
                    all.find(p.getObject(), BEGINNING, Node.ANY).forEach(b -> subjects.add(b.getObject()));
                    all.find(p.getObject(), END, Node.ANY).forEach(b -> subjects.add(b.getObject()));
                });
                all.find(o, GENERATED_BY, Node.ANY).forEach(a -> subjects.add(a.getObject()));
            }
        }
        for (Node r : rollups(firstDay, afterLastDay)) {
            subjects.add(r);
            all.find(r, ROLLUP_PART, Node.ANY).forEach(p -> subjects.add(p.getObject()));
        }
        subjects.forEach(s -> all.find(s, Node.ANY, Node.ANY).forEach(out::add));
        return out;
    }

    /**
     * What an erasure leaves of the graph: everything but the readings that overlap the
     * enrolment (end after its start and, for one that ended, begin before its end), the receipts
     * of messages no remaining reading came in, the daily sums from the move-in day to the
     * move-out day (with their parts) and the dwelling's number of occupants. The
     * dwelling and its meters stay: they describe the building's equipment, which the next
     * household's data need.
     */
    Erasable erasable(ZoneId zone) {
        Instant from = enrolment.from();
        Set<Node> gone = new HashSet<>();
        int readings = 0;
        int sums = 0;
        Set<Node> activitiesOfGone = new HashSet<>();
        Set<Node> activitiesKept = new HashSet<>();
        for (Triple t : all.find(Node.ANY, TYPE, OBSERVATION).toList()) {
            Node o = t.getSubject();
            Instant end = end(o);
            Instant start = start(o);
            boolean theirs = (end == null || end.isAfter(from))
                    && (enrolment.until() == null || start == null || start.isBefore(enrolment.until()));
            (theirs ? activitiesOfGone : activitiesKept)
                    .addAll(all.find(o, GENERATED_BY, Node.ANY)
                            .mapWith(Triple::getObject)
                            .toList());
            if (theirs) {
                gone.add(o);
                readings++;
            }
        }
        activitiesOfGone.removeAll(activitiesKept);
        gone.addAll(activitiesOfGone);
        LocalDate afterLastDay = enrolment.until() == null
                ? null
                : enrolment.until().minusNanos(1).atZone(zone).toLocalDate().plusDays(1);
        for (Node r : rollups(from.atZone(zone).toLocalDate(), afterLastDay)) {
            gone.add(r);
            sums++;
            all.find(r, ROLLUP_PART, Node.ANY).forEach(p -> gone.add(p.getObject()));
        }
        Graph kept = GraphFactory.createDefaultGraph();
        all.find().forEach(t -> {
            if (!gone.contains(t.getSubject()) && !t.getPredicate().equals(OCCUPANTS)) {
                kept.add(t);
            }
        });
        return new Erasable(kept, readings, sums);
    }

    /** What an erasure keeps of a graph, and how many readings and daily sums it takes out. */
    record Erasable(Graph kept, int readings, int dailySums) {}

    /** The daily sums of days on or after {@code first} and before {@code end} (null: no end). */
    private List<Node> rollups(LocalDate first, LocalDate end) {
        return all.find(Node.ANY, TYPE, ROLLUP)
                .mapWith(Triple::getSubject)
                .filterKeep(r -> all.find(r, DAY, Node.ANY)
                        .mapWith(t -> LocalDate.parse(t.getObject().getLiteralLexicalForm()))
                        .filterKeep(d -> !d.isBefore(first) && (end == null || d.isBefore(end)))
                        .hasNext())
                .toList();
    }

    /** When an observation begins: its interval's beginning, else its result time. */
    Instant start(Node observation) {
        Instant t = bound(observation, BEGINNING);
        return t != null ? t : resultTime(observation);
    }

    /** When an observation ends: its interval's end, else its result time. */
    Instant end(Node observation) {
        Instant t = bound(observation, END);
        return t != null ? t : resultTime(observation);
    }

    private Instant bound(Node observation, Node which) {
        for (Triple p : all.find(observation, PHENOMENON_TIME, Node.ANY).toList()) {
            for (Triple b : all.find(p.getObject(), which, Node.ANY).toList()) {
                for (Triple s : all.find(b.getObject(), STAMP, Node.ANY).toList()) {
                    Instant t = instant(s.getObject());
                    if (t != null) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private Instant resultTime(Node observation) {
        for (Triple t : all.find(observation, RESULT_TIME, Node.ANY).toList()) {
            Instant i = instant(t.getObject());
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    private static Instant instant(Node literal) {
        if (!literal.isLiteral()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(literal.getLiteralLexicalForm()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a time without offset: not the platform's writing
        }
    }
}
