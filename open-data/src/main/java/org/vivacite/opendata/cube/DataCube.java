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
import org.vivacite.opendata.cube.CubeTerms.Value;

/**
 * Writes a release as a W3C RDF Data Cube (docs/open-data.md, "Data Cube and CSV"), triple by
 * triple to a {@link StreamRDF}, so that a release of 100 000 cells never sits in memory as a
 * graph.
 *
 * <p>A release is two {@code qb:DataSet}s with the same dimensions, {@code sdmx-dimension:refArea},
 * {@code sdmx-dimension:refPeriod}, {@code vc:fluid}, {@code vc:sector} and, for the load profile,
 * {@code vc:timeOfDay}, and no {@code qb:measureType}: each observation gives every measure of its
 * data set, so that every W3C integrity constraint (IC-1 … IC-21) holds.
 *
 * <ul>
 *   <li>The <em>values</em> data set, {@link Release#iri}, structure {@link #structureIri}: one
 *       observation per <strong>published</strong> cell, with the measures {@code
 *       vc:totalConsumption}, {@code vc:activeDeliveryPoints} and {@code
 *       vc:meanConsumptionPerDeliveryPoint}, the required attribute {@code
 *       sdmx-attribute:unitMeasure} (the fluid's unit), and the optional attributes {@code vc:consumptionPerFloorArea} and {@code
 *       vc:consumptionPerDegreeDay} when the cell has them.
 *   <li>The <em>disclosure</em> data set, {@link #disclosureIri}, structure {@link
 *       #disclosureStructureIri}: one observation per cell, published or suppressed, with the
 *       measure {@code vc:disclosureStatus}: {@code vc:published} or {@code vc:confidential}.
 * </ul>
 *
 * <p>A suppressed cell is thus only in the disclosure data set, confidential: neither its values,
 * nor its count, nor the rule that hid it, nor whether it was hidden for itself or for another
 * leave the private store (the rule is in the release's private audit record). Both data sets are {@code prov:wasGeneratedBy} the release's disclosure
 * control, which records its parameters, and link to each other with {@code dct:relation}.
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
    private static final Node REF_AREA = uri(CubeTerms.REF_AREA);
    private static final Node REF_PERIOD = uri(CubeTerms.REF_PERIOD);
    private static final Node UNIT_MEASURE = uri(CubeTerms.UNIT_MEASURE);
    private static final Node FLUID = uri(CubeTerms.FLUID);
    private static final Node SECTOR = uri(CubeTerms.SECTOR);
    private static final Node TIME_OF_DAY = uri(CubeTerms.TIME_OF_DAY);
    private static final Node DISCLOSURE_STATUS = uri(CubeTerms.DISCLOSURE_STATUS);
    private static final Node RELATION = dct("relation");
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

    /**
     * The data structure definition of the values data sets of a dataset's releases: {@code
     * {base}id/structure/{dataset}}.
     */
    public String structureIri(Dataset dataset) {
        return base + "id/structure/" + dataset.id;
    }

    /**
     * The data structure definition of the disclosure data sets of a dataset's releases: {@code
     * {base}id/structure/{dataset}/disclosure}.
     */
    public String disclosureStructureIri(Dataset dataset) {
        return structureIri(dataset) + "/disclosure";
    }

    /** The disclosure data set of a release: {@code {release}/disclosure}. */
    public String disclosureIri(Release release) {
        return release.iri(base) + "/disclosure";
    }

    /**
     * Sends the release's triples to {@code out}: its values and disclosure data sets, their
     * structure definitions, the provenance of its disclosure parameters, the intervals its cells
     * cover and the observations of both data sets.
     * It declares the prefixes it uses but neither starts nor finishes {@code out}, so that several
     * releases can go to one stream.
     *
     * @throws OpenDataException naming the release and the cell when a cell does not belong to the
     *     release's dataset, lacks or has a slot it should not, repeats another cell's key, or is
     *     published without one of the three measures (a mean needs an active delivery point)
     */
    public void write(Release release, StreamRDF out) {
        Dataset d = release.dataset();
        prefixes(out);
        Node values = uri(release.iri(base));
        Node disclosure = uri(disclosureIri(release));
        Node valuesDsd = uri(structureIri(d));
        Node disclosureDsd = uri(disclosureStructureIri(d));
        Node activity = disclosureControl(release, out);
        dataSet(release, values, valuesDsd, activity, d.titleFr, d.titleEn, out);
        dataSet(
                release,
                disclosure,
                disclosureDsd,
                activity,
                d.titleFr + " : statut de diffusion",
                d.titleEn + ": disclosure status",
                out);
        out.triple(Triple.create(values, RELATION, disclosure));
        out.triple(Triple.create(disclosure, RELATION, values));
        valuesStructure(d, valuesDsd, out);
        disclosureStructure(d, disclosureDsd, out);
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
            cell(release, values, disclosure, hash, c, period, out);
        }
    }

    /** A data set of the release: its titles, the dataset's descriptions, the release's id and date. */
    private void dataSet(Release r, Node ds, Node dsd, Node activity, String titleFr, String titleEn, StreamRDF out) {
        Dataset d = r.dataset();
        out.triple(Triple.create(ds, TYPE, QB_DATASET));
        out.triple(Triple.create(ds, qb("structure"), dsd));
        for (Node p : new Node[] {LABEL, dct("title")}) {
            out.triple(Triple.create(ds, p, lang(titleFr, "fr")));
            out.triple(Triple.create(ds, p, lang(titleEn, "en")));
        }
        out.triple(Triple.create(ds, dct("description"), lang(d.descriptionFr, "fr")));
        out.triple(Triple.create(ds, dct("description"), lang(d.descriptionEn, "en")));
        out.triple(Triple.create(ds, dct("identifier"), NodeFactory.createLiteralString(r.id())));
        out.triple(Triple.create(ds, dct("issued"), dateTime(r.issued())));
        out.triple(Triple.create(ds, prov("wasGeneratedBy"), activity));
    }

    /** The disclosure parameters: what the protecting activity used, as PROV-O entities. */
    private Node disclosureControl(Release r, StreamRDF out) {
        Node activity = uri(r.iri(base) + "/disclosure-control");
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
        return activity;
    }

    private static void dimensions(Dataset d, Node dsd, StreamRDF out) {
        int order = 0;
        for (Node dim : d.profile()
                ? new Node[] {REF_AREA, REF_PERIOD, FLUID, SECTOR, TIME_OF_DAY}
                : new Node[] {REF_AREA, REF_PERIOD, FLUID, SECTOR}) {
            Node spec = component(dsd, dim, "dimension", out);
            out.triple(Triple.create(spec, qb("order"), integer(++order)));
        }
    }

    private static void valuesStructure(Dataset d, Node dsd, StreamRDF out) {
        out.triple(Triple.create(dsd, TYPE, qb("DataStructureDefinition")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure : " + d.titleFr, "fr")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure: " + d.titleEn, "en")));
        dimensions(d, dsd, out);
        for (Value v : CubeTerms.VALUES) {
            if (v.measure()) {
                component(dsd, uri(v.iri()), "measure", out);
            }
        }
        // The unit of the consumption and the mean: the count has none, the ratios are per m² or
        // per degree-day of it.
        required(component(dsd, UNIT_MEASURE, "attribute", out), true, out);
        // The ratios are attributes, not measures: a cell without floor area or degree-days has none.
        for (Value v : CubeTerms.VALUES) {
            if (!v.measure()) {
                required(component(dsd, uri(v.iri()), "attribute", out), false, out);
            }
        }
    }

    private static void disclosureStructure(Dataset d, Node dsd, StreamRDF out) {
        out.triple(Triple.create(dsd, TYPE, qb("DataStructureDefinition")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure : " + d.titleFr + " : statut de diffusion", "fr")));
        out.triple(Triple.create(dsd, LABEL, lang("Structure: " + d.titleEn + ": disclosure status", "en")));
        dimensions(d, dsd, out);
        component(dsd, DISCLOSURE_STATUS, "measure", out);
    }

    private static void required(Node spec, boolean required, StreamRDF out) {
        out.triple(Triple.create(spec, qb("componentRequired"), bool(required)));
    }

    /** A component specification, {@code {structure}/component/{local name}}, of a given kind. */
    private static Node component(Node dsd, Node property, String kind, StreamRDF out) {
        Node spec = uri(dsd.getURI() + "/component/" + property.getLocalName());
        out.triple(Triple.create(dsd, qb("component"), spec));
        out.triple(Triple.create(spec, TYPE, qb("ComponentSpecification")));
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

    private void cell(Release r, Node values, Node disclosure, String hash, Cell c, Node period, StreamRDF out) {
        String prefix = base + "id/observation/" + r.dataset().id + "/" + r.id() + "/";
        Node status = observation(uri(prefix + "disclosure/" + hash), disclosure, c, period, out);
        out.triple(Triple.create(
                status, DISCLOSURE_STATUS, uri(Namespaces.VC + c.protection().publicStatus().code)));
        if (!c.protection().published()) {
            return;
        }
        Node obs = observation(uri(prefix + "values/" + hash), values, c, period, out);
        out.triple(Triple.create(obs, UNIT_MEASURE, uri(c.fluid().unitIri())));
        for (Value v : CubeTerms.VALUES) {
            BigDecimal x = v.value().apply(c);
            if (x == null) {
                if (v.measure()) {
                    throw new OpenDataException("release " + r.id() + " of " + r.dataset().id + ", cell " + c.key()
                            + ": published without " + v.localName());
                }
                continue;
            }
            out.triple(Triple.create(
                    obs,
                    uri(v.iri()),
                    NodeFactory.createLiteralDT(
                            CubeTerms.decimal(x), v.integer() ? XSDDatatype.XSDinteger : XSDDatatype.XSDdecimal)));
        }
    }

    private static Node observation(Node obs, Node ds, Cell c, Node period, StreamRDF out) {
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
        return obs;
    }

    /**
     * A short stable hash of a cell's key (area, period, slot, fluid, sector): 16 hex digits of
     * its SHA-256, the same in every release, so that a cell's observations keep their last path
     * segment from one release to the next.
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
