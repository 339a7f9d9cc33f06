package org.vivacite.portal.personal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ingest.consent.Step;
import org.vivacite.ontology.Quantity;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.ReadingKind;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.opendata.Fluid;
import org.vivacite.portal.Enrolments;
import org.vivacite.triplestore.PersonalView;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * A person's own data (docs/consent.md, "Personal API"): the meters of the dwellings they are
 * enrolled in now, and their consumption per fluid and step. Every read goes through a {@link
 * PersonalView} of the private graphs of those enrolments only, made for the request.
 *
 * <p>A step's amount, per meter, is the first of: the consumption amounts the store holds that tile
 * the step exactly (a day's derived or delivered consumption, hours derived under a consent to fine
 * data), the same from average powers (a distribution operator's load curve: power × duration), or
 * the difference of the meter's cumulative register read at the step's two ends. So a daily amount
 * is the one open data and the rollups count, and half hours come from the registers the consent
 * let the gate keep. A month is the sum of its days that have an amount. Only the steps within the
 * person's time in the dwelling are theirs (from the enrolment's start, the move-in, to its end):
 * the household before them and the one after are left out, and so is a step that straddles a
 * move. A step finer than the household consents to now is refused, naming the consent.
 */
public final class PersonalData {

    /** The steps a series can be asked in. */
    public static final List<String> STEPS = List.of("PT30M", "PT1H", "P1D", "P1M");

    /**
     * What a series of heat cost allocators is asked as, beside the fluids: their EN 834 units
     * ({@code vc:heatCostAllocation}), which have no physical unit and no fluid (the heat may come
     * from any source); a building's heat cost is divided by them.
     */
    public static final String HEAT_COST_ALLOCATION = "heat-cost-allocation";

    /** The most points one answer holds: a leap year of half hours and a little more. */
    public static final int MAX_POINTS = 20_000;

    /**
     * The most steps finer than a day one request may ask: a month of hours (31 days of 24, and the
     * hour October's change of time adds), half a month of half hours. Each such step costs its own lookups (docs/benchmarks.md), so this keeps every
     * answer quick whatever the household's history; like the distributor's own API (Enedis Data
     * Connect serves load curves by the week), a longer history of fine steps is asked a period at a
     * time, or downloaded whole from {@code GET /api/me/export}.
     */
    public static final int MAX_FINE_STEPS = 31 * 24 + 1;

    private static final String SOSA = Namespaces.SOSA;
    private static final String WATT = Namespaces.UNIT + "W";
    private static final String KWH = Namespaces.UNIT + "KiloW-HR";

    /**
     * The predicates {@link #consumption} reads of the whole history for a fine series too long to
     * look up by time: its view holds only these (a year of half hours is read without its
     * provenance, types and units: docs/benchmarks.md).
     */
    public static final Set<String> CONSUMPTION_PREDICATES = Set.of(
            SOSA + "observedProperty",
            SOSA + "hasFeatureOfInterest",
            SOSA + "madeBySensor",
            SOSA + "hasSimpleResult",
            SOSA + "resultTime",
            SOSA + "phenomenonTime",
            Namespaces.TIME + "hasBeginning",
            Namespaces.TIME + "hasEnd",
            Namespaces.TIME + "inXSDDateTimeStamp");

    /**
     * The most steps a fine series is answered from lookups by time ({@link #periodView}); a longer
     * one reads the consumption's predicates of the whole history, which costs less than looking up
     * most of it (docs/benchmarks.md).
     */
    static final int LOOKED_UP_STEPS = 2_000;

    private static final Node RESULT_TIME = NodeFactory.createURI(SOSA + "resultTime");
    private static final Node PHENOMENON_TIME = NodeFactory.createURI(SOSA + "phenomenonTime");
    private static final Node BEGINNING = NodeFactory.createURI(Namespaces.TIME + "hasBeginning");
    private static final Node END = NodeFactory.createURI(Namespaces.TIME + "hasEnd");
    private static final Node STAMP = NodeFactory.createURI(Namespaces.TIME + "inXSDDateTimeStamp");

    private final QuadStore store;
    private final Enrolments enrolments;
    private final Consents consents;
    private final QuantityRegistry quantities;
    private final ZoneId zone;
    private final Clock clock;
    private final int lookedUpSteps;

    public PersonalData(
            QuadStore privateStore,
            Enrolments enrolments,
            Consents consents,
            QuantityRegistry quantities,
            ZoneId zone,
            Clock clock) {
        this(privateStore, enrolments, consents, quantities, zone, clock, LOOKED_UP_STEPS);
    }

    private PersonalData(
            QuadStore privateStore,
            Enrolments enrolments,
            Consents consents,
            QuantityRegistry quantities,
            ZoneId zone,
            Clock clock,
            int lookedUpSteps) {
        this.store = privateStore;
        this.enrolments = enrolments;
        this.consents = consents;
        this.quantities = quantities;
        this.zone = zone;
        this.clock = clock;
        this.lookedUpSteps = lookedUpSteps;
    }

    /** The same, answering fine series of up to {@code steps} steps from lookups by time (0: never). */
    PersonalData lookingUpAtMost(int steps) {
        return new PersonalData(store, enrolments, consents, quantities, zone, clock, steps);
    }

    /** The zone of local days and months. */
    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    /** A quantity a meter observes, by its registry name, IRI and canonical unit (QUDT). */
    public record MeterQuantity(String name, String iri, String unit) {}

    /** A meter of a dwelling the person is enrolled in; {@code fluid} is null for a sensor. */
    public record Meter(String iri, String dwelling, String fluid, List<MeterQuantity> quantities) {}

    /** The meters of the dwellings the person is enrolled in now, by dwelling then IRI. */
    public List<Meter> meters(String subject) {
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        if (mine.isEmpty()) {
            return List.of();
        }
        // what the query reads, looked up instead of the households' whole graphs: the meters placed
        // in a space, then what each observes
        List<String> graphs = graphs(mine);
        Node contained = NodeFactory.createURI(Namespaces.S4BLDG + "isContainedIn");
        PersonalView placed =
                PersonalView.matching(store, graphs, List.of(Triple.create(Node.ANY, contained, Node.ANY)));
        PersonalView observes = lookUp(
                graphs,
                nodes(placed, "?m", "?m <" + contained.getURI() + "> ?s").stream()
                        .map(m -> Triple.create(m, NodeFactory.createURI(SOSA + "observes"), Node.ANY)));
        PersonalView view = PersonalView.union(List.of(placed, observes));
        var rows = view.select("PREFIX sosa: <" + SOSA + "> PREFIX s4bldg: <" + Namespaces.S4BLDG + ">"
                        + " SELECT ?meter ?space ?q WHERE { ?meter s4bldg:isContainedIn ?space ."
                        + " OPTIONAL { ?meter sosa:observes ?q } } ORDER BY ?space ?meter ?q")
                .rows();
        Map<String, Meter> meters = new LinkedHashMap<>();
        for (var r : rows) {
            String iri = r.get("meter").getURI();
            Meter m =
                    meters.computeIfAbsent(iri, k -> new Meter(k, r.get("space").getURI(), null, new ArrayList<>()));
            Optional<Quantity> q = r.get("q") == null
                    ? Optional.empty()
                    : quantities.find(r.get("q").getURI());
            if (q.isPresent()) {
                m.quantities()
                        .add(new MeterQuantity(
                                q.get().notation(), q.get().iri(), q.get().canonicalUnitIri()));
                String fluid = measures().stream()
                        .filter(x -> x.of(q.get()))
                        .map(Measure::code)
                        .findFirst()
                        .orElse(null);
                if (m.fluid() == null && fluid != null) {
                    meters.put(iri, new Meter(iri, m.dwelling(), fluid, m.quantities()));
                }
            }
        }
        return meters.values().stream()
                .map(m -> new Meter(m.iri(), m.dwelling(), m.fluid(), List.copyOf(m.quantities())))
                .toList();
    }

    /**
     * The quantities of meters' own alarms (wM-Bus status flags, quantities.ttl): observed only
     * while a meter reports the alarm; the result is the lower bound, in hours, of how long the
     * meter says it has lasted.
     */
    public static final List<String> ALARMS =
            List.of("waterMeterLeakAlarm", "waterMeterBurstAlarm", "waterMeterBackflowAlarm", "waterMeterDryAlarm");

    /**
     * A meter's own alarm, as one reading reported it.
     *
     * @param meter the meter's IRI
     * @param dwelling the dwelling's IRI
     * @param quantity which alarm, one of {@link #ALARMS}
     * @param time when the meter reported it
     * @param hours how long the meter says it has lasted, at least (0: it does not say)
     */
    public record MeterAlarm(String meter, String dwelling, String quantity, Instant time, BigDecimal hours) {}

    /**
     * The alarms the meters of the person's dwellings reported over {@code [from, to]}, in time
     * order; only those within the person's time in the dwelling. Looked up by their property, and
     * read for those whose IRI (which ends with the reading's time) lies in the period; their
     * result time is then checked.
     */
    public List<MeterAlarm> alarms(String subject, Instant from, Instant to) {
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        if (mine.isEmpty()) {
            return List.of();
        }
        List<String> graphs = graphs(mine);
        Node property = NodeFactory.createURI(SOSA + "observedProperty");
        PersonalView reported = PersonalView.matching(
                store,
                graphs,
                ALARMS.stream()
                        .map(q -> Triple.create(Node.ANY, property, NodeFactory.createURI(Namespaces.VC + q)))
                        .toList());
        List<Node> inPeriod = nodes(reported, "?o", "?o ?p ?q").stream()
                .filter(o -> {
                    String iri = o.getURI();
                    try {
                        Instant t = Instant.parse(iri.substring(iri.lastIndexOf('/') + 1));
                        return !t.isBefore(from) && !t.isAfter(to);
                    } catch (java.time.format.DateTimeParseException e) {
                        return true; // not the pipeline's IRI: its result time says
                    }
                })
                .toList();
        if (inPeriod.isEmpty()) {
            return List.of();
        }
        PersonalView found = lookUp(graphs, inPeriod.stream().map(o -> Triple.create(o, Node.ANY, Node.ANY)));
        List<MeterAlarm> out = new ArrayList<>();
        for (var r : found.select("PREFIX sosa: <" + SOSA + "> SELECT ?q ?meter ?foi ?v ?t WHERE {"
                        + " ?o sosa:observedProperty ?q ; sosa:madeBySensor ?meter ; sosa:hasFeatureOfInterest ?foi ;"
                        + " sosa:hasSimpleResult ?v ; sosa:resultTime ?t }")
                .rows()) {
            Instant t = instant(r.get("t"));
            String dwelling = r.get("foi").getURI();
            if (t.isBefore(from)
                    || t.isAfter(to)
                    || mine.stream().noneMatch(e -> e.dwelling().equals(dwelling) && e.covers(t, t))) {
                continue; // outside the period, or another household's time in the dwelling
            }
            out.add(new MeterAlarm(
                    r.get("meter").getURI(),
                    dwelling,
                    r.get("q").getURI().substring(Namespaces.VC.length()),
                    t,
                    new BigDecimal(r.get("v").getLiteralLexicalForm())));
        }
        out.sort(Comparator.comparing(MeterAlarm::time));
        return out;
    }

    /** One step of a series: its interval and the amount consumed over it. */
    public record Point(Instant from, Instant to, BigDecimal value) {}

    /** A dwelling's series: the steps with an amount, in time order (a step without one is left out). */
    public record Series(String dwelling, List<Point> points) {}

    /** A consumption answer: what was asked, the unit of the values (QUDT) and a series per dwelling. */
    public record Consumption(
            String fluid, String step, String unit, Instant from, Instant to, List<Series> dwellings) {}

    /**
     * The consumption of a fluid over {@code [from, to)} in steps, per dwelling the person is enrolled
     * in now (or only {@code dwelling}); the first step begins at the boundary at or before {@code
     * from}, local time.
     *
     * @throws PersonalException naming the parameter: an unknown fluid or step, a period that is not
     *     one or too long, or a step finer than what a dwelling's household consents to now
     * @throws PersonalException.NotEnrolled for a dwelling the person is not enrolled in now
     */
    public Consumption consumption(
            String subject, String dwelling, String fluidName, String stepName, Instant from, Instant to) {
        Measure fluid = measure(fluidName);
        String step = step(stepName);
        if (!to.isAfter(from)) {
            throw new PersonalException("to: " + to + " is not after from: " + from);
        }
        if (!step.startsWith("P1")
                && Duration.between(from, to).compareTo(Duration.parse(step).multipliedBy(MAX_FINE_STEPS)) > 0) {
            throw new PersonalException("from, to: " + from + " to " + to + " holds more than the " + MAX_FINE_STEPS
                    + " steps finer than a day a request may ask (a month of hours, half a month of half hours);"
                    + " ask a period at a time, or a longer step (P1D, P1M), or download the whole history"
                    + " from /api/me/export");
        }
        Instant now = clock.instant();
        List<Enrolments.Enrolment> mine = enrolments.of(subject, now);
        if (dwelling != null) {
            mine = mine.stream().filter(e -> e.dwelling().equals(dwelling)).toList();
            if (mine.isEmpty()) {
                throw new PersonalException.NotEnrolled(dwelling);
            }
        }
        List<Instant> months = step.equals("P1M") ? boundaries("P1M", from, to) : null;
        // a month is the sum of its days' amounts: its days are the steps read
        List<Instant> bounds = months == null
                ? boundaries(step, from, to)
                : boundaries("P1D", months.get(0), months.get(months.size() - 1).minusSeconds(1));
        List<String> dwellings =
                mine.stream().map(Enrolments.Enrolment::dwelling).distinct().toList();
        if (!step.startsWith("P1")) {
            dwellings.forEach(d -> checkConsent(d, Duration.parse(step), now));
        }
        Quantity consumed = fluid.consumed();
        if (mine.isEmpty()) {
            return new Consumption(fluid.code(), step, consumed.canonicalUnitIri(), from, to, List.of());
        }
        Map<String, List<Point>> byDays =
                step.startsWith("P1") ? fromRollups(mine, fluid, consumed, bounds, now) : null;
        Map<String, Map<String, Readings>> byDwelling = byDays != null
                ? Map.of()
                : read(
                        bounds.size() - 1 <= lookedUpSteps
                                ? periodView(graphs(mine), bounds)
                                : view(mine, CONSUMPTION_PREDICATES),
                        fluid,
                        consumed,
                        bounds.get(0),
                        bounds.get(bounds.size() - 1));
        List<Series> series = new ArrayList<>();
        for (String d : dwellings) {
            List<Point> points = byDays != null ? byDays.get(d) : fromReadings(mine, d, byDwelling, bounds);
            series.add(new Series(d, months == null ? points : byMonth(points, months)));
        }
        return new Consumption(fluid.code(), step, consumed.canonicalUnitIri(), from, to, series);
    }

    /** The dwelling's steps within the person's time there, from the readings. */
    private static List<Point> fromReadings(
            List<Enrolments.Enrolment> mine,
            String d,
            Map<String, Map<String, Readings>> byDwelling,
            List<Instant> bounds) {
        Map<String, Readings> meters = byDwelling.getOrDefault(d, Map.of());
        List<Enrolments.Enrolment> there =
                mine.stream().filter(e -> e.dwelling().equals(d)).toList();
        List<Point> points = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            Instant b = bounds.get(i);
            Instant e = bounds.get(i + 1);
            if (there.stream().noneMatch(n -> n.covers(b, e))) {
                continue; // before the move-in or after the move-out: another household's
            }
            BigDecimal sum = null;
            for (Readings m : meters.values()) {
                BigDecimal v = m.amount(b, e);
                if (v != null) {
                    sum = sum == null ? v : sum.add(v);
                }
            }
            if (sum != null) {
                points.add(new Point(b, e, sum));
            }
        }
        return points;
    }

    /**
     * The days' amounts per dwelling from the day rollups ({@code vc:MeterDayRollup}: a meter's
     * whole-day consumption amounts, summed in parts), looked up by their IRIs instead of reading
     * the household's history: a few thousand triples for a year. Null, so the readings are read,
     * unless every day within the person's time in each dwelling that is over by {@code now} has,
     * for each meter of the fluid there, a rollup of exactly one amount: then that amount is the one
     * the readings give first (a day with no whole-day amount, several, or parts not yet written
     * would be answered otherwise). A day not over by {@code now} without a rollup has no amount
     * from that meter (its readings would lie ahead of the clock), unless no rollup is found at all.
     */
    private Map<String, List<Point>> fromRollups(
            List<Enrolments.Enrolment> mine, Measure fluid, Quantity consumed, List<Instant> days, Instant now) {
        List<String> graphs = graphs(mine);
        Node contained = NodeFactory.createURI(Namespaces.S4BLDG + "isContainedIn");
        Node observes = NodeFactory.createURI(SOSA + "observes");
        List<Triple> inDwellings = mine.stream()
                .map(e -> Triple.create(Node.ANY, contained, NodeFactory.createURI(e.dwelling())))
                .distinct()
                .toList();
        Map<String, List<String>> meters = new HashMap<>(); // dwelling -> meters
        for (var r : PersonalView.matching(store, graphs, inDwellings)
                .select("SELECT ?m ?d { ?m <" + contained.getURI() + "> ?d }")
                .rows()) {
            meters.computeIfAbsent(r.get("d").getURI(), k -> new ArrayList<>())
                    .add(r.get("m").getURI());
        }
        Map<String, Set<String>> observed = new HashMap<>(); // meter -> quantities
        PersonalView.matching(
                        store,
                        graphs,
                        meters.values().stream()
                                .flatMap(List::stream)
                                .map(m -> Triple.create(NodeFactory.createURI(m), observes, Node.ANY))
                                .toList())
                .select("SELECT ?m ?q { ?m <" + observes.getURI() + "> ?q }")
                .rows()
                .forEach(r -> observed.computeIfAbsent(r.get("m").getURI(), k -> new java.util.HashSet<>())
                        .add(r.get("q").getURI()));
        // each dwelling's meters of the fluid and the days that are theirs
        Map<String, List<String>> ofFluid = new HashMap<>();
        Map<String, List<Integer>> daysOf = new HashMap<>();
        List<Triple> rollups = new ArrayList<>();
        Node part = VC.rollupPart.asNode();
        for (String d :
                mine.stream().map(Enrolments.Enrolment::dwelling).distinct().toList()) {
            List<String> ms = meters.getOrDefault(d, List.of()).stream()
                    .filter(m -> observed.getOrDefault(m, Set.of()).stream()
                            .map(quantities::find)
                            .flatMap(Optional::stream)
                            .anyMatch(fluid::of))
                    .distinct()
                    .toList();
            List<Integer> mineDays = new ArrayList<>();
            for (int i = 0; i + 1 < days.size(); i++) {
                Instant b = days.get(i);
                Instant e = days.get(i + 1);
                if (mine.stream().anyMatch(n -> n.dwelling().equals(d) && n.covers(b, e))) {
                    mineDays.add(i);
                    for (String m : ms) {
                        rollups.add(Triple.create(
                                NodeFactory.createURI(rollupIri(m, consumed, days.get(i))), part, Node.ANY));
                    }
                }
            }
            if (ms.isEmpty() && !mineDays.isEmpty()) {
                return null; // readings of the fluid may come from a meter not said to be there
            }
            ofFluid.put(d, ms);
            daysOf.put(d, mineDays);
        }
        Map<String, List<String>> partsOf = new HashMap<>();
        PersonalView.matching(store, graphs, rollups)
                .select("SELECT ?r ?p { ?r <" + part.getURI() + "> ?p }")
                .rows()
                .forEach(r -> partsOf.computeIfAbsent(r.get("r").getURI(), k -> new ArrayList<>())
                        .add(r.get("p").getURI()));
        Map<String, BigDecimal> sums = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        List<Triple> parts = partsOf.values().stream()
                .flatMap(List::stream)
                .distinct()
                .flatMap(p -> Stream.of(
                        Triple.create(NodeFactory.createURI(p), VC.valueSum.asNode(), Node.ANY),
                        Triple.create(NodeFactory.createURI(p), VC.valueCount.asNode(), Node.ANY)))
                .toList();
        for (var r : PersonalView.matching(store, graphs, parts)
                .select("SELECT ?p ?s ?c { ?p <" + VC.valueSum.getURI() + "> ?s ; <" + VC.valueCount.getURI()
                        + "> ?c }")
                .rows()) {
            sums.put(r.get("p").getURI(), new BigDecimal(r.get("s").getLiteralLexicalForm()));
            counts.put(r.get("p").getURI(), Long.parseLong(r.get("c").getLiteralLexicalForm()));
        }
        if (partsOf.isEmpty()) {
            return null; // no rollup at all: the readings, whatever the clock says
        }
        Map<String, List<Point>> out = new HashMap<>();
        for (var dwelling : daysOf.entrySet()) {
            List<Point> points = new ArrayList<>();
            for (int i : dwelling.getValue()) {
                BigDecimal sum = null;
                for (String m : ofFluid.get(dwelling.getKey())) {
                    List<String> ps = partsOf.getOrDefault(rollupIri(m, consumed, days.get(i)), List.of());
                    if (ps.isEmpty() && days.get(i + 1).isAfter(now)) {
                        continue; // a day not over: no whole-day amount yet
                    }
                    if (ps.stream().mapToLong(p -> counts.getOrDefault(p, 0L)).sum() != 1
                            || !ps.stream().allMatch(sums::containsKey)) {
                        return null; // not exactly one whole-day amount: the readings say what the day is
                    }
                    BigDecimal v = ps.stream().map(sums::get).reduce(BigDecimal.ZERO, BigDecimal::add);
                    sum = sum == null ? v : sum.add(v);
                }
                if (sum != null) {
                    points.add(new Point(days.get(i), days.get(i + 1), sum));
                }
            }
            out.put(dwelling.getKey(), points);
        }
        return out;
    }

    private String rollupIri(String meter, Quantity consumed, Instant day) {
        return MeterDayRollups.rollupIri(meter, consumed.iri(), day.atZone(zone).toLocalDate());
    }

    /** Days' points summed per month; a month without any day is left out. */
    private static List<Point> byMonth(List<Point> days, List<Instant> months) {
        List<Point> out = new ArrayList<>();
        int d = 0;
        for (int i = 0; i + 1 < months.size(); i++) {
            BigDecimal sum = null;
            while (d < days.size() && days.get(d).from().isBefore(months.get(i + 1))) {
                sum = sum == null ? days.get(d).value() : sum.add(days.get(d).value());
                d++;
            }
            if (sum != null) {
                out.add(new Point(months.get(i), months.get(i + 1), sum));
            }
        }
        return out;
    }

    /**
     * The finest step of {@link #STEPS} the dwelling's household consents to now: {@code PT30M} or
     * {@code PT1H} with a consent to fine data, else {@code P1D}.
     */
    public String finestStep(String dwelling) {
        Duration allowed = consents.step(dwelling, clock.instant());
        return Stream.of("PT30M", "PT1H")
                .filter(s -> allows(allowed, Duration.parse(s)))
                .findFirst()
                .orElse("P1D");
    }

    private static boolean allows(Duration allowed, Duration step) {
        return step.compareTo(allowed) >= 0 && step.toSeconds() % allowed.toSeconds() == 0;
    }

    /** Refuses a step finer than the dwelling's household consents to now, naming the consent. */
    private void checkConsent(String dwelling, Duration step, Instant now) {
        if (allows(consents.step(dwelling, now), step)) {
            return;
        }
        Optional<Consent> finest = consents.of(List.of(dwelling)).stream()
                .filter(c -> c.purpose() == Purpose.FINE_DATA && c.activeAt(now))
                .min(Comparator.comparing(Consent::step));
        throw new PersonalException("step: " + step + " is finer than what the household of " + dwelling
                + " consents to: "
                + finest.map(c -> "its consent " + c.id() + " to " + Purpose.FINE_DATA.id() + " allows " + c.step())
                        .orElse("it has no consent to " + Purpose.FINE_DATA.id()
                                + " (daily data only); give one first (POST /api/me/consents)"));
    }

    /**
     * What a series is of: a fluid open data publishes, or heat cost allocation units.
     *
     * @param code as asked ({@code electricity}…, {@link #HEAT_COST_ALLOCATION})
     * @param fluidIri the fluid's concept, null for allocation units (they have none)
     * @param consumed the derived consumption quantity whose amounts the series sums
     */
    private record Measure(String code, String fluidIri, Quantity consumed) {

        /** Whether a meter observing that quantity measures this. */
        boolean of(Quantity q) {
            return fluidIri != null
                    ? fluidIri.equals(q.fluidIri())
                    : consumed.iri().equals(q.iri()) || consumed.iri().equals(q.consumptionIri());
        }
    }

    private List<Measure> measures() {
        List<Measure> out = new ArrayList<>();
        for (Fluid f : Fluid.values()) {
            out.add(new Measure(f.code, f.iri, quantities.get(f.quantityIri())));
        }
        out.add(new Measure(HEAT_COST_ALLOCATION, null, quantities.get(Namespaces.VC + "heatCostAllocationConsumed")));
        return out;
    }

    private Measure measure(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        List<Measure> all = measures();
        return all.stream()
                .filter(m -> m.code().equals(n))
                .findFirst()
                .orElseThrow(() -> new PersonalException("fluid: '" + name + "' is none of "
                        + all.stream().map(Measure::code).toList()));
    }

    private static String step(String name) {
        String s = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        if (!STEPS.contains(s)) {
            throw new PersonalException("step: '" + name + "' is none of " + STEPS);
        }
        return s;
    }

    /** The boundaries of the steps over the period, local time: from the one at or before {@code from}. */
    private List<Instant> boundaries(String step, Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        if (step.equals("P1M")) {
            var month = from.atZone(zone).toLocalDate().withDayOfMonth(1);
            Instant b = month.atStartOfDay(zone).toInstant();
            out.add(b);
            while (b.isBefore(to)) {
                month = month.plusMonths(1);
                b = month.atStartOfDay(zone).toInstant();
                out.add(b);
                tooMany(out);
            }
            return out;
        }
        Step s = new Step(step.equals("P1D") ? Step.DAY : Duration.parse(step), zone);
        Instant b = s.floor(from);
        out.add(b);
        while (b.isBefore(to)) {
            b = s.next(b);
            out.add(b);
            tooMany(out);
        }
        return out;
    }

    private static void tooMany(List<Instant> bounds) {
        if (bounds.size() > MAX_POINTS + 1) {
            throw new PersonalException("from, to: more than " + MAX_POINTS
                    + " steps in the period; ask for a shorter period or a longer step");
        }
    }

    /**
     * The view of what {@link #read} uses of the steps between the bounds, looked up by time instead
     * of reading the household's history (docs/benchmarks.md): the readings whose result time is a
     * bound (a register counts only there), and the amounts whose interval begins at a bound or
     * where another such amount ends (what tiling a step walks through), with their intervals and
     * instants. Times are looked up as the store writes them: a result time in the city's local
     * time with its offset (or in UTC), an instant's {@code time:inXSDDateTimeStamp} in UTC.
     */
    private PersonalView periodView(List<String> graphs, List<Instant> bounds) {
        Instant last = bounds.get(bounds.size() - 1);
        List<Triple> atBounds = new ArrayList<>();
        for (Instant b : bounds) {
            atBounds.add(Triple.create(Node.ANY, RESULT_TIME, localDateTime(b)));
            atBounds.add(Triple.create(Node.ANY, RESULT_TIME, dateTime(b)));
        }
        Set<Node> observations = new HashSet<>(nodes(PersonalView.matching(store, graphs, atBounds), "?o", "?o ?p ?t"));
        Set<Node> intervals = new HashSet<>(); // with their beginning and end
        Set<Node> instants = new HashSet<>(); // with their time stamp
        Set<Instant> visited = new HashSet<>();
        List<PersonalView> views = new ArrayList<>();
        List<Instant> frontier = bounds.subList(0, bounds.size() - 1);
        while (!frontier.isEmpty()) {
            visited.addAll(frontier);
            PersonalView begins = lookUp(graphs, frontier.stream().map(t -> Triple.create(Node.ANY, STAMP, stamp(t))));
            List<Node> starts = nodes(begins, "?i", "?i ?p ?t");
            instants.addAll(starts);
            PersonalView beginning = lookUp(graphs, starts.stream().map(i -> Triple.create(Node.ANY, BEGINNING, i)));
            List<Node> found = nodes(beginning, "?v", "?v ?p ?i");
            intervals.addAll(found);
            PersonalView amounts = lookUp(
                    graphs,
                    found.stream()
                            .flatMap(v -> Stream.of(
                                    Triple.create(Node.ANY, PHENOMENON_TIME, v), Triple.create(v, END, Node.ANY))));
            observations.addAll(nodes(amounts, "?o", "?o <" + PHENOMENON_TIME.getURI() + "> ?v"));
            List<Node> ends = nodes(amounts, "?e", "?v <" + END.getURI() + "> ?e").stream()
                    .filter(instants::add)
                    .toList();
            PersonalView ending = lookUp(graphs, ends.stream().map(e -> Triple.create(e, STAMP, Node.ANY)));
            frontier = nodes(ending, "?t", "?e ?p ?t").stream()
                    .map(PersonalData::instant)
                    .filter(t -> t.isBefore(last) && !visited.contains(t))
                    .distinct()
                    .toList();
            views.addAll(List.of(begins, beginning, amounts, ending));
        }
        // what the query reads of them: the observations, and the intervals and instants not read yet
        PersonalView found = lookUp(graphs, observations.stream().map(o -> Triple.create(o, Node.ANY, Node.ANY)));
        PersonalView others = lookUp(
                graphs,
                nodes(found, "?v", "?o <" + PHENOMENON_TIME.getURI() + "> ?v").stream()
                        .filter(intervals::add)
                        .flatMap(v ->
                                Stream.of(Triple.create(v, BEGINNING, Node.ANY), Triple.create(v, END, Node.ANY))));
        PersonalView stamps = lookUp(
                graphs,
                nodes(others, "?i", "?v ?p ?i").stream()
                        .filter(instants::add)
                        .map(i -> Triple.create(i, STAMP, Node.ANY)));
        views.addAll(List.of(found, others, stamps));
        return PersonalView.union(views);
    }

    private PersonalView lookUp(List<String> graphs, Stream<Triple> patterns) {
        return PersonalView.matching(store, graphs, patterns.toList());
    }

    /** The IRIs a variable takes over a pattern in a view. */
    private static List<Node> nodes(PersonalView view, String variable, String pattern) {
        return view
                .select("SELECT DISTINCT " + variable + " { " + pattern + " FILTER (!isBlank(" + variable + ")) }")
                .rows()
                .stream()
                .map(r -> r.get(variable.substring(1)))
                .toList();
    }

    private Node localDateTime(Instant t) {
        return NodeFactory.createLiteralDT(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone)), XSDDatatype.XSDdateTime);
    }

    private static Node stamp(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp);
    }

    private PersonalView view(List<Enrolments.Enrolment> mine, Set<String> predicates) {
        return PersonalView.of(store, graphs(mine), predicates);
    }

    private static List<String> graphs(List<Enrolments.Enrolment> mine) {
        return mine.stream().flatMap(e -> e.graphs().stream()).distinct().toList();
    }

    /**
     * The readings of the fluid over the period, per dwelling and meter: consumption amounts,
     * average powers as amounts, and cumulative registers.
     */
    private Map<String, Map<String, Readings>> read(
            PersonalView view, Measure fluid, Quantity consumed, Instant from, Instant to) {
        Map<String, String> kinds = new HashMap<>(); // quantity IRI -> amount, average or register
        kinds.put(consumed.iri(), "amount");
        for (Quantity q : quantities.all()) {
            if (q.kind() == ReadingKind.CUMULATIVE_REGISTER && consumed.iri().equals(q.consumptionIri())) {
                kinds.put(q.iri(), "register");
            } else if (q.kind() == ReadingKind.INTERVAL_AVERAGE
                    && fluid.fluidIri() != null
                    && fluid.fluidIri().equals(q.fluidIri())
                    && WATT.equals(q.canonicalUnitIri())
                    && KWH.equals(consumed.canonicalUnitIri())) {
                kinds.put(q.iri(), "average");
            }
        }
        ParameterizedSparqlString q = new ParameterizedSparqlString("SELECT ?foi ?meter ?q ?v ?t ?start ?end WHERE {"
                + " VALUES ?q { "
                + kinds.keySet().stream().map(k -> "<" + k + ">").collect(Collectors.joining(" "))
                + " } ?o sosa:observedProperty ?q ; sosa:hasFeatureOfInterest ?foi ; sosa:madeBySensor ?meter ;"
                + " sosa:hasSimpleResult ?v ; sosa:resultTime ?t ."
                + " OPTIONAL { ?o sosa:phenomenonTime ?i . ?i time:hasBeginning/time:inXSDDateTimeStamp ?start ;"
                + " time:hasEnd/time:inXSDDateTimeStamp ?end }"
                + " FILTER (?t >= ?after && ?t <= ?before) }");
        q.setNsPrefix("sosa", SOSA);
        q.setNsPrefix("time", Namespaces.TIME);
        // result times a little beyond the period: an amount's result time may be its end or its receipt
        q.setParam("after", dateTime(from.minus(Duration.ofDays(2))));
        q.setParam("before", dateTime(to.plus(Duration.ofDays(2))));
        Map<String, Map<String, Readings>> out = new HashMap<>();
        for (var r : view.select(q.toString()).rows()) {
            Readings m = out.computeIfAbsent(r.get("foi").getURI(), k -> new HashMap<>())
                    .computeIfAbsent(r.get("meter").getURI(), k -> new Readings());
            BigDecimal v = new BigDecimal(r.get("v").getLiteralLexicalForm());
            String kind = kinds.get(r.get("q").getURI());
            if (kind.equals("register")) {
                if (r.get("start") == null) {
                    m.registers
                            .computeIfAbsent(r.get("q").getURI(), k -> new TreeMap<>())
                            .put(instant(r.get("t")), v);
                }
            } else if (r.get("start") != null && r.get("end") != null) {
                Instant s = instant(r.get("start"));
                Instant e = instant(r.get("end"));
                if (kind.equals("average")) {
                    BigDecimal hours = BigDecimal.valueOf(Duration.between(s, e).toSeconds())
                            .divide(BigDecimal.valueOf(3600), MathContext.DECIMAL64);
                    m.averages
                            .computeIfAbsent(s, k -> new ArrayList<>())
                            .add(new Amount(s, e, v.multiply(hours).movePointLeft(3)));
                } else {
                    m.amounts.computeIfAbsent(s, k -> new ArrayList<>()).add(new Amount(s, e, v));
                }
            }
        }
        return out;
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }

    private static Instant instant(Node literal) {
        return OffsetDateTime.parse(literal.getLiteralLexicalForm()).toInstant();
    }

    /** An amount over an interval. */
    private record Amount(Instant from, Instant to, BigDecimal value) {}

    /** One meter's readings of a fluid. */
    private static final class Readings {
        final Map<Instant, List<Amount>> amounts = new HashMap<>(); // by their start
        final Map<Instant, List<Amount>> averages = new HashMap<>();
        final Map<String, TreeMap<Instant, BigDecimal>> registers = new HashMap<>();

        /** The amount over {@code [b, e)}, or null when nothing held gives it. */
        BigDecimal amount(Instant b, Instant e) {
            BigDecimal v = tile(amounts, b, e);
            if (v == null) {
                v = tile(averages, b, e);
            }
            if (v == null) {
                for (TreeMap<Instant, BigDecimal> register : registers.values()) {
                    BigDecimal start = register.get(b);
                    BigDecimal end = register.get(e);
                    if (start != null && end != null && end.compareTo(start) >= 0) {
                        return end.subtract(start);
                    }
                }
            }
            return v;
        }

        /**
         * The sum of amounts that cover {@code [b, e)} end to end, the longest first at each point
         * (a day's amount rather than its hours); null when they leave a hole.
         */
        private static BigDecimal tile(Map<Instant, List<Amount>> amounts, Instant b, Instant e) {
            Instant at = b;
            BigDecimal sum = BigDecimal.ZERO;
            while (at.isBefore(e)) {
                Amount next = null;
                for (Amount a : amounts.getOrDefault(at, List.of())) {
                    if (!a.to().isAfter(e) && a.to().isAfter(at) && (next == null || a.to().isAfter(next.to()))) {
                        next = a;
                    }
                }
                if (next == null) {
                    return null;
                }
                sum = sum.add(next.value());
                at = next.to();
            }
            return sum;
        }
    }
}
