package org.vivacite.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.keys.MeterKeyFile;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;
import org.vivacite.simulator.wmbus.WmbusTelegrams;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/** The server's pipeline commits through the private store's rollups bean: derived daily consumption is rolled up. */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivateRollupsTest {

    private static final String METER = "12345678";

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("server.address", () -> "127.0.0.1");
    }

    @Autowired
    IngestPipeline pipeline;

    @Autowired
    MeterDayRollups rollups;

    @Autowired
    MeterKeyFile keys;

    @Autowired
    @PrivateStore
    QuadStore store;

    private static byte[] key() {
        byte[] k = new byte[16];
        System.arraycopy(METER.getBytes(StandardCharsets.US_ASCII), 0, k, 0, METER.length());
        k[15] = 0x5A;
        return k;
    }

    private static int access;

    /** A mode 5 telegram of the water meter: its volume register in litres at a local time. */
    private static String telegram(long litres, LocalDateTime local) {
        byte[] t = WmbusTelegrams.encode(
                new WmbusAddress("ZRI", Integer.parseInt(METER), 1, WmbusAddress.WATER),
                (access++) & 0xFF,
                0,
                true,
                new DataRecords().bcd8(DataRecords.VOLUME_LITRES, litres).dateTime(local),
                key());
        if (WmbusTelegrams.readAsPlainByJmbus(t)) {
            return telegram(litres, local);
        }
        return HexFormat.of().withUpperCase().formatHex(t);
    }

    @Test
    void twoDaysOfReadingsThroughThePipelineGiveRollupsOfEachDaysConsumption() {
        LocalDate first = LocalDate.now(IngestParts.ZONE).minusDays(10);
        keys.add(Map.of(METER, key()));
        pipeline.register(MeterCsv.parse(
                String.join(",", MeterCsv.COLUMNS) + "\n" + METER
                        + ",ZRI,water,DW-1,water-meter,waterVolume,wmbus,BLDG00000001,,P1D,,,gw-1,,\n",
                "test"));

        Outcome o = pipeline.accept(Envelope.of(
                Format.WMBUS,
                "test",
                "gw-1",
                java.time.Instant.now(),
                (telegram(123_456, first.atStartOfDay()) + "\n"
                                + telegram(123_701, first.plusDays(1).atStartOfDay()) + "\n"
                                + telegram(124_001, first.plusDays(2).atStartOfDay()))
                        .getBytes(StandardCharsets.US_ASCII)));
        assertThat(o.rejected()).isZero();
        rollups.flush(); // what the open-data publisher does before it reads them

        Map<String, String> sums = new java.util.TreeMap<>();
        store.select("""
                        PREFIX vc: <https://w3id.org/vivacite/ontology#>
                        SELECT ?q ?day (SUM(?s) AS ?sum) (SUM(?c) AS ?count) {
                          GRAPH ?g { ?r a vc:MeterDayRollup ; vc:rollupQuantity ?q ; vc:day ?day ; vc:rollupPart ?p .
                                     ?p vc:valueSum ?s ; vc:valueCount ?c }
                        } GROUP BY ?q ?day""")
                .rows()
                .forEach(row -> sums.put(
                        row.get("q").getLocalName() + "/" + row.get("day").getLiteralLexicalForm(),
                        new java.math.BigDecimal(row.get("sum").getLiteralLexicalForm())
                                        .stripTrailingZeros()
                                        .toPlainString()
                                + " x" + row.get("count").getLiteralLexicalForm()));
        assertThat(sums)
                .isEqualTo(Map.of(
                        "waterVolumeConsumed/" + first, "0.245 x1",
                        "waterVolumeConsumed/" + first.plusDays(1), "0.3 x1"));
    }
}
