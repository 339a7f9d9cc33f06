package org.vivacite.opendata.cube;

import static org.vivacite.opendata.cube.CubeTerms.RDF;
import static org.vivacite.opendata.cube.CubeTerms.RDFS;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Release;
import org.vivacite.opendata.cube.CubeTerms.Measure;

/**
 * Writes a release as a W3C RDF Data Cube (docs/open-data.md, "Data Cube and CSV"), triple by
 * triple to a {@link StreamRDF}, so that a release of 100 000 cells never sits in memory as a
 * graph.
 *
 * <p>The release is a {@code qb:DataSet} whose structure, {@code {base}id/structure/{dataset}}, has
 * the dimensions {@code sdmx-dimension:refArea}, {@code sdmx-dimension:refPeriod}, {@code
 * vc:fluid}, {@code vc:sector}, for the load profile {@code vc:timeOfDay}, and {@code
 * qb:measureType}. Every cell gives one observation of {@code vc:disclosureStatus}; a published
 * cell also gives one observation per value it has. A suppressed cell gives nothing else: neither
 * its values nor its count leave the private store. Each observation carries the rule that decided
 * (the required attribute {@code vc:disclosureRule}) and, for amounts in the fluid's unit, {@code
 * sdmx-attribute:unitMeasure}.
 *
 * <p>IRIs are deterministic: writing the same release twice gives the same triples.
 */
public final class DataCube {

    private static final Node TYPE = uri(RDF + "type");
    private static final Node VALUE = uri(RDF + "value");
    private static final Node LABEL = uri(RDFS + "label");
    private static final Node QB_DATASET = qb("DataSet");
    private static final Node QB_OBSERVATION = qb("Observation");
    private static final Node DATA_SET = qb("dataSet");
    private static final Node MEASURE_TYPE = qb("measureType");
    private static final Node REF_AREA = uri(CubeTerms.REF_AREA);
    private static final Node REF_PERIOD = uri(CubeTerms.REF_PERIOD);
    private static final Node UNIT_MEASURE = uri(CubeTerms.UNIT_MEASURE);
    private static final Node FLUID = uri(CubeTerms.FLUID);
    private static final Node SECTOR = uri(CubeTerms.SECTOR);
    private static final Node TIME_OF_DAY = uri(CubeTerms.TIME_OF_DAY);
    private static final Node DISCLOSURE_STATUS = uri(CubeTerms.DISCLOSURE_STATUS);
    private static final Node DISCLOSURE_RULE = uri(CubeTerms.DISCLOSURE_RULE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String base;
    private final ZoneId zone;

    /**
     * @param base the platform's base IRI, ending with {@code /}
     * @param zone the zone whose local midnights begin the periods (the platform's time zone)
     */
    public DataCube(String base, ZoneId zone) {
        if (base == null || !base.endsWith("/")) {
            throw new OpenDataException("the base IRI must end with '/', not '" + base + "'");
        }
        this.base = base;
        this.zone = zone;
    }

    /** The data structure definition of a dataset's releases: {@code {base}id/structure/{dataset}}. */
    public String structureIri(Dataset dataset) {
        return base + "id/structure/" + dataset.id;
    }

    /**
     * Sends the release's triples to {@code out}: the data set, its structure definition, the
     * provenance of its disclosure parameters, the intervals its cells cover and its observations.
     * It declares the prefixes it uses but neither starts nor finishes {@code out}, so that several
     * releases can go to one stream.
     *
     * @throws OpenDataException naming the release and the cell when a cell does not belong to the
     *     release's dataset, lacks or has a slot it should not, or repeats another cell's key
     */
    public void write(Release release, StreamRDF out) {
        Dataset d = release.dataset();
        prefixes(out);
        Node ds = uri(release.iri(base));
        Node dsd = uri(structureIri(d));
        dataSet(release, ds, dsd, out);
        structure(d, dsd, out);
        Set<String> intervals = new HashSet<>();
        Set<String> keys = new HashSet<>(release.cells().size() * 2);
        for (Cell c : release.cells()) {
            Cells.check(release, c);
            String hash = keyHash(c.key());
            if (!keys.add(hash)) {
                throw new OpenDataException("release " + release.id() + " of " + d.id + " has two cells with the key "
                        + c.key() + " (or keys of the same hash " + hash + ")");
            }
            Node period = uri(c.period().iri(base, zone));
            if (intervals.add(period.getURI())) {
                interval(c.period(), period, out);
            }
            cell(release, ds, hash, c, period, out);
        }
    }

    private void dataSet(Release r, Node ds, Node dsd, StreamRDF out) {
        Dataset d = r.dataset();
        out.triple(Triple.create(ds, TYPE, QB_DATASET));
        out.triple(Triple.create(ds, qb("structure"), dsd));
        for (Node p : new Node[] {LABEL, dct("title")}) {
            out.triple(Triple.create(ds, p, lang(d.titleFr, "fr")));
            out.triple(Triple.create(ds, p, lang(d.titleEn, "en")));
        }
        out.triple(Triple.create(ds, dct("description"), lang(d.descriptionFr, "fr")));
        out.triple(Triple.create(ds, dct("description"), lang(d.descriptionEn, "en")));
        out.triple(Triple.create(ds, dct("identifier"), NodeFactory.createLiteralString(r.id())));
        out.triple(Triple.create(ds, dct("issued"), dateTime(r.issued())));
        // The disclosure parameters: what the protecting activity used, as PROV-O entities.
        Node activity = uri(r.iri(base) + "/disclosure-control");
        out.triple(Triple.create(ds, prov("wasGeneratedBy"), activity));
        out.triple(Triple.create(activity, TYPE, prov("Activity")));
        out.triple(Triple.create(activity, LABEL, lang("Contrôle de la divulgation statistique", "fr")));
        out.triple(Triple.create(activity, LABEL, lang("Statistical disclosure control", "en")));
        out.triple(Triple.create(activity, prov("endedAtTime"), dateTime(r.issued())));
        for (Map.Entry<String, String> p : r.rules().parameters().entrySet()) {
            Node parameter = uri(r.iri(base) + "/parameter/" + p.getKey());
            out.triple(Triple.create(activity, prov("used"), parameter));
            out.triple(Triple.create(parameter, TYPE, prov("Entity")));
            out.triple(Triple.create(parameter, LABEL, NodeFactory.createLiteralString(p.getKey())));
            out.triple(Triple.create(parameter, VALUE, parameterValue(p.getValue())));
        }
    }

    private void structure(Dataset d, Node dsd, StreamRDF out) {
        out.triple(Triple.create(dsd, TYPE, qb("DataStructureDefinition")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure : " + d.titleFr, "fr")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure: " + d.titleEn, "en")));
        int order = 0;
        for (Node dim : d.profile()
                ? new Node[] {REF_AREA, REF_PERIOD, FLUID, SECTOR, TIME_OF_DAY, MEASURE_TYPE}
                : new Node[] {REF_AREA, REF_PERIOD, FLUID, SECTOR, MEASURE_TYPE}) {
            Node spec = component(dsd, dim, out);
            out.triple(Triple.create(spec, qb("dimension"), dim));
            out.triple(Triple.create(spec, qb("order"), integer(++order)));
        }
        component(dsd, DISCLOSURE_STATUS, "measure", out);
        for (Measure m : CubeTerms.MEASURES) {
            component(dsd, uri(m.iri()), "measure", out);
        }
        Node rule = component(dsd, DISCLOSURE_RULE, "attribute", out);
        out.triple(Triple.create(rule, qb("componentRequired"), bool(true)));
        // Counts, statuses and ratios to m² or degree-days have no unit: the attribute is optional.
        Node unit = component(dsd, UNIT_MEASURE, "attribute", out);
        out.triple(Triple.create(unit, qb("componentRequired"), bool(false)));
    }

    private static Node component(Node dsd, Node property, StreamRDF out) {
        String local = property.getLocalName();
        Node spec = uri(dsd.getURI() + "/component/" + local);
        out.triple(Triple.create(dsd, qb("component"), spec));
        out.triple(Triple.create(spec, TYPE, qb("ComponentSpecification")));
        return spec;
    }

    private static Node component(Node dsd, Node property, String kind, StreamRDF out) {
        Node spec = component(dsd, property, out);
        out.triple(Triple.create(spec, qb(kind), property));
        return spec;
    }

    /** The interval of a period and its instants, as ObservationMapper writes derived consumption's. */
    private void interval(Period p, Node interval, StreamRDF out) {
        Instant start = p.startInstant(zone);
        Instant end = p.end().atStartOfDay(zone).toInstant();
        Node begin = uri(base + "id/instant/" + start);
        Node finish = uri(base + "id/instant/" + end);
        out.triple(Triple.create(interval, TYPE, time("Interval")));
        out.triple(Triple.create(interval, time("hasBeginning"), begin));
        out.triple(Triple.create(interval, time("hasEnd"), finish));
        out.triple(Triple.create(
                interval,
                time("hasXSDDuration"),
                NodeFactory.createLiteralDT(p.step().duration, XSDDatatype.XSDduration)));
        for (Instant t : new Instant[] {start, end}) {
            Node instant = t == start ? begin : finish;
            out.triple(Triple.create(instant, TYPE, time("Instant")));
            out.triple(Triple.create(
                    instant,
                    time("inXSDDateTimeStamp"),
                    NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTimeStamp)));
        }
    }

    private void cell(Release r, Node ds, String hash, Cell c, Node period, StreamRDF out) {
        String prefix = base + "id/observation/" + r.dataset().id + "/" + r.id() + "/" + hash + "/";
        Node rule = uri(Namespaces.VC + c.protection().rule().code);
        Node status = observation(prefix, ds, c, period, DISCLOSURE_STATUS, rule, out);
        out.triple(Triple.create(
                status, DISCLOSURE_STATUS, uri(Namespaces.VC + c.protection().status().code)));
        if (!c.protection().published()) {
            return;
        }
        for (Measure m : CubeTerms.MEASURES) {
            BigDecimal v = m.value().apply(c);
            if (v == null) {
                continue;
            }
            Node measure = uri(m.iri());
            Node obs = observation(prefix, ds, c, period, measure, rule, out);
            out.triple(Triple.create(
                    obs,
                    measure,
                    NodeFactory.createLiteralDT(
                            CubeTerms.decimal(v), m.integer() ? XSDDatatype.XSDinteger : XSDDatatype.XSDdecimal)));
            if (m.withUnit()) {
                out.triple(Triple.create(obs, UNIT_MEASURE, uri(c.fluid().unitIri())));
            }
        }
    }

    private static Node observation(
            String prefix, Node ds, Cell c, Node period, Node measure, Node rule, StreamRDF out) {
        Node obs = uri(prefix + measure.getLocalName());
        out.triple(Triple.create(obs, TYPE, QB_OBSERVATION));
        out.triple(Triple.create(obs, DATA_SET, ds));
        out.triple(Triple.create(obs, REF_AREA, uri(c.area().iri())));
        out.triple(Triple.create(obs, REF_PERIOD, period));
        out.triple(Triple.create(obs, FLUID, uri(c.fluid().iri)));
        out.triple(Triple.create(obs, SECTOR, uri(c.sector().iri())));
        if (c.slot() != null) {
            out.triple(Triple.create(
                    obs, TIME_OF_DAY, NodeFactory.createLiteralDT(TIME.format(c.slot()), XSDDatatype.XSDtime)));
        }
        out.triple(Triple.create(obs, MEASURE_TYPE, measure));
        out.triple(Triple.create(obs, DISCLOSURE_RULE, rule));
        return obs;
    }

    /**
     * A short stable hash of a cell's key (area, period, slot, fluid, sector): 16 hex digits of
     * its SHA-256, the same in every release, so that a cell's observations keep their last path
     * segments from one release to the next.
     */
    static String keyHash(Cell.Key k) {
        String key = k.area() + "\n" + k.period().start() + "/" + k.period().step().duration + "\n"
                + (k.slot() == null ? "" : TIME.format(k.slot())) + "\n" + k.fluid().code + "\n" + k.sector().code;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void prefixes(StreamRDF out) {
        Map<String, String> p = new HashMap<>();
        p.put("qb", Namespaces.QB);
        p.put("vc", Namespaces.VC);
        p.put("time", Namespaces.TIME);
        p.put("prov", Namespaces.PROV);
        p.put("dct", Namespaces.DCT);
        p.put("unit", Namespaces.UNIT);
        p.put("saref", Namespaces.SAREF);
        p.put("sdmx-dimension", CubeTerms.SDMX_DIMENSION);
        p.put("sdmx-attribute", CubeTerms.SDMX_ATTRIBUTE);
        p.put("rdf", RDF);
        p.put("rdfs", RDFS);
        p.put("xsd", CubeTerms.XSD);
        p.forEach(out::prefix);
    }

    private static Node parameterValue(String v) {
        if (v.equals("true") || v.equals("false")) {
            return NodeFactory.createLiteralDT(v, XSDDatatype.XSDboolean);
        }
        if (v.matches("-?[0-9]+")) {
            return NodeFactory.createLiteralDT(v, XSDDatatype.XSDinteger);
        }
        if (v.matches("-?[0-9]*\\.[0-9]+")) {
            return NodeFactory.createLiteralDT(v, XSDDatatype.XSDdecimal);
        }
        if (v.matches("-?P[0-9YMDTHS.]+")) {
            return NodeFactory.createLiteralDT(v, XSDDatatype.XSDduration);
        }
        return NodeFactory.createLiteralString(v);
    }

    private Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone)), XSDDatatype.XSDdateTime);
    }

    private static Node integer(int i) {
        return NodeFactory.createLiteralDT(Integer.toString(i), XSDDatatype.XSDinteger);
    }

    private static Node bool(boolean b) {
        return NodeFactory.createLiteralDT(Boolean.toString(b), XSDDatatype.XSDboolean);
    }

    private static Node lang(String s, String lang) {
        return NodeFactory.createLiteralLang(s, lang);
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node qb(String local) {
        return uri(Namespaces.QB + local);
    }

    private static Node dct(String local) {
        return uri(Namespaces.DCT + local);
    }

    private static Node prov(String local) {
        return uri(Namespaces.PROV + local);
    }

    private static Node time(String local) {
        return uri(Namespaces.TIME + local);
    }
}
