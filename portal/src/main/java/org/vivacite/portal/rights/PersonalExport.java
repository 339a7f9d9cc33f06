package org.vivacite.portal.rights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.ontology.vocabulary.SOSA;
import org.vivacite.ontology.vocabulary.VC;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.triplestore.QuadStore;

/**
 * The right of access and to portability (GDPR art. 15 and 20): one zip of everything held about
 * the person's dwellings since they live there — the dwelling and its meters, readings and derived
 * consumption, daily sums, the consents of the dwelling given since and the receipts issued to the
 * person, the reads of their data by others — as JSON-LD and as CSV, with a README of the terms.
 * Household data are read through a {@link org.vivacite.triplestore.PersonalView} of the graphs of
 * the person's active enrolments only.
 */
public final class PersonalExport {

    private static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private final QuadStore store;
    private final Enrolments enrolments;
    private final Consents consents;
    private final ConsentReceipts receipts;
    private final AccessLog accessLog;
    private final ZoneId zone;
    private final Clock clock;
    private final List<PersonalRecords> records;

    public PersonalExport(
            QuadStore privateStore,
            Enrolments enrolments,
            Consents consents,
            ConsentReceipts receipts,
            AccessLog accessLog,
            ZoneId zone,
            Clock clock) {
        this(privateStore, enrolments, consents, receipts, accessLog, zone, clock, List.of());
    }

    /** @param records the records other areas keep about the person (targets, alerts), one file each */
    public PersonalExport(
            QuadStore privateStore,
            Enrolments enrolments,
            Consents consents,
            ConsentReceipts receipts,
            AccessLog accessLog,
            ZoneId zone,
            Clock clock,
            List<PersonalRecords> records) {
        this.records = List.copyOf(records);
        this.store = privateStore;
        this.enrolments = enrolments;
        this.consents = consents;
        this.receipts = receipts;
        this.accessLog = accessLog;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Refuses, before anything is written, a person enrolled in no dwelling.
     *
     * @throws RightsException naming the field
     */
    public void check(String subject) {
        if (enrolments.of(subject, clock.instant()).isEmpty()) {
            throw new RightsException(
                    "dwelling: you are enrolled in no dwelling, so the platform holds no" + " household data of yours");
        }
    }

    /**
     * Writes the zip of the person's data to {@code out} (not closed).
     *
     * @throws RightsException when the person is enrolled in no dwelling
     */
    public void write(String subject, OutputStream out) {
        check(subject);
        List<Enrolments.Enrolment> mine = enrolments.of(subject, clock.instant());
        Graph household = GraphFactory.createDefaultGraph();
        List<Consent> given = new ArrayList<>();
        List<AccessLog.Entry> reads = new ArrayList<>();
        for (Enrolments.Enrolment e : mine) {
            Household.read(store, e).since(zone).find().forEach(household::add);
            consents.of(List.of(e.dwelling())).stream()
                    .filter(c -> subject.equals(c.subject()) || !c.recorded().isBefore(e.from()))
                    .filter(c -> !given.contains(c))
                    .forEach(given::add);
            accessLog.of(List.of(e.dwelling()), e.from()).stream()
                    .filter(r -> !reads.contains(r))
                    .forEach(reads::add);
        }
        List<ConsentReceipts.Receipt> issued = receipts.issuedTo(subject);
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            entry(zip, "README.md", readme(mine).getBytes(StandardCharsets.UTF_8));
            entry(zip, "household.jsonld", jsonld(household));
            entry(zip, "consents.jsonld", jsonld(consentGraph(given, issued)));
            entry(zip, "access-log.jsonld", jsonld(accessGraph(reads)));
            List<String> dwellings =
                    mine.stream().map(Enrolments.Enrolment::dwelling).distinct().toList();
            for (PersonalRecords r : records) {
                entry(zip, r.name() + ".jsonld", jsonld(r.export(subject, dwellings)));
            }
            entry(zip, "meters.csv", meters(household));
            entry(zip, "readings.csv", readings(household));
            entry(zip, "daily-sums.csv", dailySums(household));
            entry(
                    zip,
                    "consents.csv",
                    csv(
                            List.of(
                                    "id",
                                    "dwelling",
                                    "purpose",
                                    "step",
                                    "from",
                                    "until",
                                    "status",
                                    "withdrawn",
                                    "source"),
                            given.stream()
                                    .map(c -> List.of(
                                            c.id(),
                                            c.dwelling(),
                                            c.purpose().id(),
                                            c.step().toString(),
                                            c.from().toString(),
                                            c.until().toString(),
                                            c.status(clock.instant()),
                                            c.withdrawn() == null
                                                    ? ""
                                                    : c.withdrawn().toString(),
                                            c.fromRegistry() ? "meter-registry" : "person"))
                                    .toList()));
            entry(
                    zip,
                    "receipts.csv",
                    csv(
                            List.of("id", "consent", "jws"),
                            issued.stream()
                                    .map(r -> List.of(r.id(), r.consentId(), r.jws()))
                                    .toList()));
            entry(
                    zip,
                    "access-log.csv",
                    csv(
                            List.of("at", "who", "role", "dwellings", "what", "why"),
                            reads.stream()
                                    .map(r -> List.of(
                                            r.at().toString(),
                                            r.reader().name(),
                                            r.reader().role(),
                                            String.join(" ", r.dwellings()),
                                            r.what(),
                                            r.why()))
                                    .toList()));
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] jsonld(Graph g) {
        PrefixMapping prefixes = g.getPrefixMapping();
        prefixes.setNsPrefix("sosa", Namespaces.SOSA);
        prefixes.setNsPrefix("saref", Namespaces.SAREF);
        prefixes.setNsPrefix("vc", Namespaces.VC);
        prefixes.setNsPrefix("prov", Namespaces.PROV);
        prefixes.setNsPrefix("time", Namespaces.TIME);
        prefixes.setNsPrefix("dpv", Namespaces.DPV);
        prefixes.setNsPrefix("dct", DCTerms.NS);
        prefixes.setNsPrefix("vcard", "http://www.w3.org/2006/vcard/ns#");
        prefixes.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, RDFFormat.JSONLD11_PRETTY);
        return out.toByteArray();
    }

    private static byte[] csv(List<String> header, List<List<String>> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                CSVPrinter p = new CSVPrinter(w, CSV)) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        return bytes.toByteArray();
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    /** The lexical form of the one object of {@code s p}, or "" (its IRI for a resource). */
    private static String value(Graph g, Node s, String p) {
        var it = g.find(s, iri(p), Node.ANY);
        if (!it.hasNext()) {
            return "";
        }
        Node o = it.next().getObject();
        return o.isURI() ? o.getURI() : o.isLiteral() ? o.getLiteralLexicalForm() : "";
    }

    private static List<Node> subjectsOf(Graph g, Node type) {
        return g.find(Node.ANY, RDF.type.asNode(), type).mapWith(t -> t.getSubject()).toList().stream()
                .sorted(java.util.Comparator.comparing(Node::toString))
                .toList();
    }

    private static byte[] meters(Graph g) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Node m : subjectsOf(g, SOSA.Sensor.asNode())) {
            List<String> types = g.find(m, RDF.type.asNode(), Node.ANY)
                    .mapWith(t -> t.getObject().getURI())
                    .toList();
            List<String> observes = g.find(m, SOSA.observes.asNode(), Node.ANY)
                    .mapWith(t -> t.getObject().getURI())
                    .toList();
            rows.add(List.of(
                    m.getURI(),
                    String.join(" ", new java.util.TreeSet<>(types)),
                    String.join(" ", new java.util.TreeSet<>(observes)),
                    value(g, m, Namespaces.S4BLDG + "isContainedIn")));
        }
        return csv(List.of("meter", "types", "observes", "in"), rows);
    }

    private static byte[] readings(Graph g) throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        for (Node o : subjectsOf(g, SOSA.Observation.asNode())) {
            String interval = value(g, o, Namespaces.SOSA + "phenomenonTime");
            String start = "";
            String duration = "";
            if (!interval.isEmpty()) {
                Node i = iri(interval);
                start = value(
                        g, iri(value(g, i, Namespaces.TIME + "hasBeginning")), Namespaces.TIME + "inXSDDateTimeStamp");
                duration = value(g, i, Namespaces.TIME + "hasXSDDuration");
            }
            rows.put(
                    o.getURI(),
                    List.of(
                            o.getURI(),
                            value(g, o, Namespaces.SOSA + "madeBySensor"),
                            value(g, o, Namespaces.SOSA + "observedProperty"),
                            value(g, o, Namespaces.SOSA + "resultTime"),
                            start,
                            duration,
                            value(g, o, Namespaces.SOSA + "hasSimpleResult"),
                            value(g, o, Namespaces.SAREF + "isMeasuredIn"),
                            g.contains(o, iri(Namespaces.PROV + "wasDerivedFrom"), Node.ANY) ? "derived" : "read",
                            value(g, o, Namespaces.VC + "tariffPeriod")));
        }
        return csv(
                List.of(
                        "observation",
                        "meter",
                        "quantity",
                        "resultTime",
                        "intervalStart",
                        "intervalDuration",
                        "value",
                        "unit",
                        "origin",
                        "tariffPeriod"),
                List.copyOf(rows.values()));
    }

    private static byte[] dailySums(Graph g) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Node r : subjectsOf(g, VC.MeterDayRollup.asNode())) {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            long count = 0;
            for (var p : g.find(r, VC.rollupPart.asNode(), Node.ANY).toList()) {
                sum = sum.add(new java.math.BigDecimal(value(g, p.getObject(), Namespaces.VC + "valueSum")));
                count += Long.parseLong(value(g, p.getObject(), Namespaces.VC + "valueCount"));
            }
            rows.add(List.of(
                    r.getURI(),
                    value(g, r, Namespaces.VC + "rollupOf"),
                    value(g, r, Namespaces.VC + "rollupQuantity"),
                    value(g, r, Namespaces.VC + "day"),
                    sum.toPlainString(),
                    Long.toString(count)));
        }
        return csv(List.of("dailySum", "meter", "quantity", "day", "sum", "count"), rows);
    }

    /** The consents' and receipts' descriptions, as the consent graph holds them. */
    private Graph consentGraph(List<Consent> given, List<ConsentReceipts.Receipt> issued) {
        Graph out = GraphFactory.createDefaultGraph();
        String base = accessLog.graph().substring(0, accessLog.graph().length() - "graph/access-log".length());
        for (Consent c : given) {
            for (String s : Set.of("", "/period", "/from", "/until")) {
                describe(out, consents.graph(), base + "consent/" + c.id() + s);
            }
        }
        for (ConsentReceipts.Receipt r : issued) {
            describe(out, consents.graph(), base + "receipt/" + r.id());
        }
        return out;
    }

    private Graph accessGraph(List<AccessLog.Entry> reads) {
        Graph out = GraphFactory.createDefaultGraph();
        String base = accessLog.graph().substring(0, accessLog.graph().length() - "graph/access-log".length());
        for (AccessLog.Entry e : reads) {
            describe(out, accessLog.graph(), base + "access/" + e.id());
            describe(out, accessLog.graph(), base + "access/" + e.id() + "/association");
        }
        // another household read at the same time stays unnamed
        Set<String> mine = new java.util.HashSet<>();
        reads.forEach(e -> mine.addAll(e.dwellings()));
        out.find(Node.ANY, iri(Namespaces.PROV + "used"), Node.ANY).toList().stream()
                .filter(t -> !mine.contains(t.getObject().getURI()))
                .forEach(out::delete);
        return out;
    }

    /** Adds the triples of one subject of a graph of the private store. */
    private void describe(Graph out, String graph, String subject) {
        ParameterizedSparqlString q =
                new ParameterizedSparqlString("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }");
        q.setIri("g", graph);
        q.setIri("s", subject);
        store.construct(q.toString()).find().forEach(out::add);
    }

    private String readme(List<Enrolments.Enrolment> mine) {
        StringBuilder b = new StringBuilder();
        b.append("# Your data held by VivaCité\n\n")
                .append("Exported ")
                .append(Instant.now(clock))
                .append(" (GDPR art. 15 and 20). For each dwelling you live in, from the day you enrolled:\n\n");
        for (Enrolments.Enrolment e : mine) {
            b.append("- ")
                    .append(e.dwelling())
                    .append(" since ")
                    .append(e.from())
                    .append('\n');
        }
        b.append(README);
        return b.toString();
    }

    private static final String README = """

            ## Files

            | file | what |
            |---|---|
            | `household.jsonld` | the dwelling, its meters, its readings, derived consumption and daily sums, as RDF (JSON-LD 1.1) |
            | `consents.jsonld` | the consents of the dwelling given since you live there, and the receipts issued to you (RDF) |
            | `targets.jsonld`, `alerts.jsonld` | your consumption targets (`vc:ConsumptionTarget`), the alerts e-mailed to you and your alert address (`vcard:hasEmail`), when the platform keeps them |
            | `access-log.jsonld` | every read of your data by someone else: who, in which role, when, what, why (RDF) |
            | `meters.csv` | one row per meter: its IRI, types, the quantities it observes, the space it is in |
            | `readings.csv` | one row per reading: meter, quantity, times, value, unit; `origin` `derived` for consumption computed from readings |
            | `daily-sums.csv` | one row per meter, quantity and local day: the sum and count of its daily consumption, what the city's anonymous statistics are computed from |
            | `consents.csv`, `receipts.csv` | your consents; each receipt is a JWS signed by the platform (verify with `/api/consent-receipts/jwks`) |
            | `access-log.csv` | the reads of your data by others |

            Dwelling, meter and reading IRIs carry pseudonyms, never a meter serial or a name.

            ## Terms

            | term | meaning |
            |---|---|
            | `vc:Dwelling` | a dwelling (a SAREF4BLDG building space); `vc:floorArea` m², `vc:heatingSystem`, `vc:occupants` |
            | `sosa:Sensor`, `saref:Meter` classes | a meter; `sosa:observes` the quantities it measures, `s4bldg:isContainedIn` the dwelling |
            | `sosa:Observation`, `saref:Measurement` | one reading: `sosa:madeBySensor` the meter, `sosa:observedProperty` the quantity, `sosa:hasSimpleResult` the value in `saref:isMeasuredIn` its unit (QUDT), `sosa:resultTime` when it was true |
            | `sosa:phenomenonTime` | the interval an amount belongs to: `time:hasBeginning`, `time:hasEnd`, `time:hasXSDDuration` (OWL-Time) |
            | `prov:wasDerivedFrom` | a consumption computed from these readings; `vc:coversGap` true when it spans missing readings |
            | `prov:wasGeneratedBy` | the receipt of the message a reading came in (`prov:endedAtTime` when, `prov:wasAssociatedWith` the gateway) |
            | `vc:MeterDayRollup` | a meter's daily sum of a quantity: `vc:day`, `vc:rollupPart` parts whose `vc:valueSum` and `vc:valueCount` add up |
            | `vc:waterVolume`, `vc:electricityEnergyWithdrawn`… | the quantities (the platform's registry); `…Consumed` the consumption derived from a register |
            | `dpv:Consent` | a consent: `dpv:hasPurpose`, `dpv:hasConsentStatus`, `vc:consentFor` the dwelling, `vc:consentedStep` the finest step kept, `dct:temporal` its period |
            | `prov:Entity` with `rdf:value` | a consent receipt (a JWS, fields of the Kantara Consent Receipt 1.1) |
            | `prov:Activity` with `prov:used` | a read of your data by someone else: `prov:startedAtTime` when, `prov:qualifiedAssociation` who (`prov:agent`) in which role (`prov:hadRole`), `dct:title` what, `dct:description` why |

            Prefixes: `vc:` https://w3id.org/vivacite/ontology#, `sosa:` http://www.w3.org/ns/sosa/,
            `saref:` https://saref.etsi.org/core/, `time:` http://www.w3.org/2006/time#, `prov:`
            http://www.w3.org/ns/prov#, `dpv:` https://w3id.org/dpv#, `dct:` http://purl.org/dc/terms/.
            """;
}
