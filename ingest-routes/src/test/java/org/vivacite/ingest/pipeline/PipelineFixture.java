package org.vivacite.ingest.pipeline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.simulator.tic.TicGroup;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;
import org.vivacite.simulator.wmbus.WmbusTelegrams;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/** A real pipeline on a real LMDB private store in a temporary folder, and telegrams to feed it. */
final class PipelineFixture implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final String BASE = "http://localhost:8080/";
    static final String HEADER =
            "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,"
                    + "usage_point_id,consent,active_from,active_until,gateways";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** The VIF of a volume flow in l/h (EN 13757-3: 0x38 + 3, 10^(3-6) m³/h). */
    static final int VOLUME_FLOW_LITRES_PER_HOUR = 0x3B;

    final Path dir;
    final QuadStore store;
    final MeterRegistry registry;
    final DeadLetterStore deadLetters;
    final ObservationMapper mapper;
    final IngestPipeline pipeline;
    /** The rollups the pipeline commits through, or null for a pipeline that writes straight into the store. */
    final MeterDayRollups rollups;

    final Map<String, byte[]> keys = new HashMap<>();
    private int access;

    PipelineFixture(Path dir) {
        this(dir, false);
    }

    /** @param rollups whether the pipeline commits through rollups of daily consumption, as the server's does */
    PipelineFixture(Path dir, boolean rollups) {
        this.dir = dir;
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        registry = new MeterRegistry(dir.resolve("meters.csv"), ZONE);
        deadLetters = new DeadLetterStore(dir.resolve("deadletter"));
        mapper = new ObservationMapper(BASE, new Pseudonyms(new byte[16]), QuantityRegistry.standard(), ZONE);
        Decoders decoders = new Decoders((manufacturer, id) -> Optional.ofNullable(keys.get(id)), ZONE);
        this.rollups = rollups
                ? new MeterDayRollups(
                        store,
                        ZONE,
                        dir.resolve("private-rollups.journal"),
                        java.time.Duration.ZERO,
                        MeterDayRollups.DEFAULT_CONSOLIDATE_AT,
                        MeterDayRollups.Selection.dailyConsumption(QuantityRegistry.standard()))
                : null;
        pipeline = new IngestPipeline(
                store,
                this.rollups,
                registry,
                deadLetters,
                mapper,
                decoders,
                IngestPipeline.Options.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Registers a water meter of dwelling {@code dwelling} with that consent and gives it a key; gateway gw-1 reports it. */
    void waterMeter(String id, String dwelling, String consent) {
        waterMeter(id, dwelling, consent, "gw-1");
    }

    /** Registers a water meter that the gateways listed ({@code ;}-separated) may report, and gives it a key. */
    void waterMeter(String id, String dwelling, String consent, String gateways) {
        keys.put(id, key(id)); // the key file is complete before the registration replays quarantined telegrams
        registry.register(MeterCsv.parse(
                HEADER + "\n" + id + ",ZRI,water," + dwelling + ",water-meter,waterVolume,wmbus,BLDG00000001,,"
                        + consent + ",,," + gateways + "\n",
                "test"));
    }

    /** Registers a Kamstrup water meter of dwelling {@code dwelling} with that consent, and gives it a key; gateway gw-1 reports it. */
    void kamstrupWaterMeter(String id, String dwelling, String consent) {
        keys.put(id, key(id));
        registry.register(MeterCsv.parse(
                HEADER + "\n" + id + ",KAM,water," + dwelling + ",water-meter,waterVolume,wmbus,BLDG00000001,,"
                        + consent + ",,,gw-1\n",
                "test"));
    }

    /** A mode 5 telegram of a Kamstrup water meter: its volume register in litres and its info codes at a local time. */
    String kamstrupTelegram(String id, long litres, LocalDateTime local, int infoCodes) {
        byte[] t = WmbusTelegrams.encode(
                new WmbusAddress("KAM", Integer.parseInt(id), 0x1B, WmbusAddress.WATER),
                (access++) & 0xFF,
                0,
                true,
                new DataRecords()
                        .bcd8(DataRecords.VOLUME_LITRES, litres)
                        .dateTime(local)
                        .infoCodes(infoCodes),
                key(id));
        if (WmbusTelegrams.readAsPlainByJmbus(t)) {
            return kamstrupTelegram(id, litres, local, infoCodes);
        }
        return HexFormat.of().withUpperCase().formatHex(t);
    }

    /** Registers a Linky of dwelling {@code dwelling} read by a TIC box, with that consent; gateway gw-1 reports it. */
    void linky(String id, String dwelling, String consent) {
        registry.register(MeterCsv.parse(
                HEADER + "\n" + id + ",Sagemcom,electricity," + dwelling + ",linky,electricityEnergyWithdrawn,tic,"
                        + "BLDG00000001,," + consent + ",,,gw-1\n",
                "test"));
    }

    /** A historic-mode TIC frame of a Linky, option BASE: its index in Wh and its apparent power; no time. */
    static byte[] historicFrame(String id, long wattHours, int voltAmperes) {
        return TicFrames.frame(
                TicFrames.Mode.HISTORIC,
                List.of(
                        new TicGroup("ADCO", id),
                        new TicGroup("OPTARIF", "BASE"),
                        new TicGroup("ISOUSC", "45"),
                        new TicGroup("BASE", String.format(java.util.Locale.ROOT, "%09d", wattHours)),
                        new TicGroup("PTEC", "TH.."),
                        new TicGroup("PAPP", String.format(java.util.Locale.ROOT, "%05d", voltAmperes)),
                        new TicGroup("MOTDETAT", "000000")));
    }

    static byte[] key(String id) {
        byte[] k = new byte[16];
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, k, 0, Math.min(16, b.length));
        k[15] = 0x5A;
        return k;
    }

    /** A mode 5 telegram of a water meter: its volume register in litres at a local time. */
    String telegram(String id, long litres, LocalDateTime local) {
        return telegram(id, litres, local, null);
    }

    /**
     * A mode 5 telegram of a water meter: its volume register in litres at a local time and, when
     * not null, its flow at that instant in litres per hour.
     */
    String telegram(String id, long litres, LocalDateTime local, Integer litresPerHour) {
        byte[] key = key(id);
        DataRecords records = new DataRecords().bcd8(DataRecords.VOLUME_LITRES, litres);
        if (litresPerHour != null) {
            records.int32(VOLUME_FLOW_LITRES_PER_HOUR, litresPerHour);
        }
        byte[] t = WmbusTelegrams.encode(
                new WmbusAddress("ZRI", Integer.parseInt(id), 1, WmbusAddress.WATER),
                (access++) & 0xFF,
                0,
                true,
                records.dateTime(local),
                key);
        if (WmbusTelegrams.readAsPlainByJmbus(t)) {
            return telegram(id, litres, local, litresPerHour);
        }
        return HexFormat.of().withUpperCase().formatHex(t);
    }

    static Envelope http(Format format, String payload) {
        return new Envelope(
                format, "http", "gw-1", "m-" + payload.hashCode(), NOW, payload.getBytes(StandardCharsets.UTF_8), -71);
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    /** Every quad of the store, as one graph per named graph merged (for comparisons). */
    Graph all() {
        Graph g = GraphFactory.createDefaultGraph();
        store.statistics().keySet().forEach(name -> store.read(name).find().forEach(g::add));
        return g;
    }

    long size() {
        return store.statistics().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The values of the observations of a quantity, keyed by the end of the observation IRI. */
    Map<String, BigDecimal> values(String quantity) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        for (var row : store.select(
                        "SELECT ?obs ?v WHERE { GRAPH ?g { ?obs <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#"
                                + quantity + "> ; <http://www.w3.org/ns/sosa/hasSimpleResult> ?v } }")
                .rows()) {
            String iri = row.get("obs").getURI();
            String key = iri.substring(iri.indexOf("/" + quantity + "/") + quantity.length() + 2);
            out.put(key, new BigDecimal(row.get("v").getLiteralLexicalForm()));
        }
        return out;
    }

    /** The values of every observation of a quantity, whatever its meter. */
    List<BigDecimal> allValues(String quantity) {
        return store
                .select(
                        "SELECT ?v WHERE { GRAPH ?g { ?obs <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#"
                                + quantity + "> ; <http://www.w3.org/ns/sosa/hasSimpleResult> ?v } }")
                .rows()
                .stream()
                .map(r -> new BigDecimal(r.get("v").getLiteralLexicalForm()))
                .toList();
    }

    /** The rollups' sums, keyed by {@code {quantity}/{day}} (flushed first), as "sum xcount". */
    Map<String, String> rollupSums() {
        rollups.flush();
        Map<String, String> out = new java.util.TreeMap<>();
        store.select("""
                        PREFIX vc: <https://w3id.org/vivacite/ontology#>
                        SELECT ?r (SUM(?s) AS ?sum) (SUM(?c) AS ?count) {
                          GRAPH ?g { ?r a vc:MeterDayRollup ; vc:rollupPart ?p . ?p vc:valueSum ?s ; vc:valueCount ?c }
                        } GROUP BY ?r""").rows().forEach(row -> {
            String iri = row.get("r").getURI();
            out.put(
                    iri.substring(iri.indexOf("/rollup/") + "/rollup/".length()),
                    new BigDecimal(row.get("sum").getLiteralLexicalForm())
                                    .stripTrailingZeros()
                                    .toPlainString()
                            + " x" + row.get("count").getLiteralLexicalForm());
        });
        return out;
    }

    @Override
    public void close() {
        pipeline.close();
        if (rollups != null) {
            rollups.close();
        }
        store.close();
    }
}
