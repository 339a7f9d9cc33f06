package org.vivacite.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.aggregate.DemoTerritoryFixture;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.opendata.release.Publisher;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.simulator.tic.TicGroup;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * A DSO correction published after a first release, end to end: a household's Linky TIC box
 * reports its register at two midnights, the pipeline derives the day's consumption, a first
 * release publishes it; then the DSO's daily file gives another value for that day, which
 * replaces the derived one; the second release's new cells count the corrected value, and it
 * republishes the cells the first release fixed unchanged (docs/open-data.md, "Release
 * differencing"); its new year, which shares the corrected day with the first release's, is hidden
 * (rule {@code release-difference}), so that the two years' difference does not give the household's
 * correction away.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DsoCorrectionPublishTest {

    private static final String BASE = DemoTerritoryFixture.BASE;
    private static final ZoneId ZONE = IngestParts.ZONE;
    private static final String METER = "041234567890";
    private static final String PRM = "09876543210987";
    /** The fixture's first residential building, in district 381850110. */
    private static final String BUILDING = "RNBAAAAAAAAA";

    private static final String DISTRICT = BASE + "id/district/381850110";
    private static final DateTimeFormatter HORODATE = DateTimeFormatter.ofPattern("yyMMddHHmmss", Locale.ROOT);

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("vivacite.base-iri", () -> BASE);
        registry.add("server.address", () -> "127.0.0.1");
    }

    @Autowired
    IngestPipeline pipeline;

    @Autowired
    MeterDayRollups rollups;

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Autowired
    ReleaseFolders folders;

    @Autowired
    CatalogSettings catalog;

    @Autowired
    OpenDataProperties settings;

    /** A standard-mode TIC frame of the meter: its total index, Wh, at a local midnight. */
    private static byte[] frame(LocalDate day, long wattHours) {
        String index = String.format(Locale.ROOT, "%09d", wattHours);
        var local = day.atStartOfDay(ZONE);
        boolean summer = ZONE.getRules().isDaylightSavings(local.toInstant());
        return TicFrames.frame(
                TicFrames.Mode.STANDARD,
                List.of(
                        new TicGroup("ADSC", METER),
                        new TicGroup("VTIC", "02"),
                        new TicGroup("DATE", (summer ? "E" : "H") + HORODATE.format(local), ""),
                        new TicGroup("NGTF", "      BASE      "),
                        new TicGroup("LTARF", "       BASE     "),
                        new TicGroup("EAST", index),
                        new TicGroup("EASF01", index),
                        new TicGroup("IRMS1", "002"),
                        new TicGroup("URMS1", "231"),
                        new TicGroup("PREF", "09"),
                        new TicGroup("PCOUP", "09"),
                        new TicGroup("SINSTS", "00400"),
                        new TicGroup("STGE", "003A0001"),
                        new TicGroup("PRM", PRM),
                        new TicGroup("NTARF", "01")));
    }

    private Outcome accept(Format format, String gateway, byte[] payload) {
        Outcome o = pipeline.accept(Envelope.of(format, "test", gateway, Instant.now(), payload));
        assertThat(o.rejections()).as(format + " rejections").isEmpty();
        assertThat(o.accepted()).as(format + " accepted").isPositive();
        return o;
    }

    private AggregationViews views() {
        return new AggregationViews(
                privateStore,
                new AggregationViews.Settings(
                        BASE,
                        ZONE,
                        settings.gasCalorificValue(),
                        OpenDataConfiguration.degreeDays(data, settings, null)));
    }

    /** A release of every dataset as of the morning of {@code today}, as the server's publisher makes it. */
    private void publish(LocalDate today) {
        rollups.consolidate(); // as POST /admin/publish does
        new Publisher(
                        views(),
                        publicStore,
                        folders,
                        new Catalog(catalog),
                        new Publisher.Settings(BASE, ZONE, settings.rules().disclosureRules(), catalog.licence()),
                        Clock.fixed(today.atTime(4, 0).atZone(ZONE).toInstant(), ZONE))
                .publish();
    }

    /** The published residential electricity cells of the district in a dataset's releases, oldest first. */
    private List<Map<String, String>> cells(Dataset dataset) throws IOException {
        Path dir = data.resolve("open-data").resolve(dataset.id);
        List<Path> releases;
        try (Stream<Path> s = Files.list(dir)) {
            releases = s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Path release : releases) {
            try (Reader r = Files.newBufferedReader(release.resolve(dataset.id + ".csv"), StandardCharsets.UTF_8)) {
                for (CSVRecord row : CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(r)) {
                    if (row.get("area").equals(DISTRICT)
                            && row.get("fluid").equals("electricity")
                            && row.get("sector").equals("residential")) {
                        Map<String, String> cell = new java.util.HashMap<>(row.toMap());
                        cell.put("release", release.getFileName().toString());
                        out.add(cell);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The district's residential electricity over {@code [from, to)} from the readings the private
     * store holds (daily amounts), not from any rollup: what a correct cell says.
     */
    private BigDecimal readings(LocalDate from, LocalDate to) {
        String query = """
                PREFIX sosa: <http://www.w3.org/ns/sosa/>
                PREFIX vc: <https://w3id.org/vivacite/ontology#>
                PREFIX s4bldg: <https://saref.etsi.org/saref4bldg/>
                SELECT (SUM(?v) AS ?sum) {
                  ?o sosa:observedProperty vc:electricityEnergyConsumed ; sosa:hasFeatureOfInterest ?f ;
                     sosa:hasSimpleResult ?v ; sosa:phenomenonTime ?i .
                  FILTER(STRENDS(STR(?i), "/P1D"))
                  BIND(STRBEFORE(STRAFTER(STR(?i), "/id/interval/"), "/") AS ?start)
                  FILTER(?start >= "%s" && ?start < "%s")
                  ?f s4bldg:isSpaceOf ?b . ?b vc:use vc:residential ; vc:partOf/vc:partOf <%s> .
                }""".formatted(
                from.atStartOfDay(ZONE).toInstant(), to.atStartOfDay(ZONE).toInstant(), DISTRICT);
        return new BigDecimal(
                privateStore.select(query).rows().get(0).get("sum").getLiteralLexicalForm());
    }

    private static Map<String, String> only(List<Map<String, String>> cells, String release, LocalDate start) {
        List<Map<String, String>> found = cells.stream()
                .filter(c -> c.get("release").equals(release)
                        && (start == null || c.get("period_start").equals(start.toString())))
                .toList();
        assertThat(found).as(release + " " + start).hasSize(1);
        return found.get(0);
    }

    @Test
    void aDsoCorrectionAfterAFirstReleaseReachesTheNextYearWhichIsHiddenFromDifferencing() throws IOException {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate day = today.minusDays(10); // the corrected day
        DemoTerritoryFixture.writeInto(privateStore, rollups, today);
        pipeline.register(MeterCsv.parse(
                String.join(",", MeterCsv.COLUMNS) + "\n" + METER + ",unknown,electricity,DW-E2E,linky,"
                        + "electricityEnergyWithdrawn,tic," + BUILDING + "," + PRM + ",P1D,,,gw-1;dso,,\n",
                "test"));

        // the TIC box: the register at the day's two midnights, 12.345 kWh apart
        byte[] first = frame(day, 4_000_000);
        byte[] second = frame(day.plusDays(1), 4_012_345);
        byte[] stream = new byte[first.length + second.length];
        System.arraycopy(first, 0, stream, 0, first.length);
        System.arraycopy(second, 0, stream, first.length, second.length);
        accept(Format.TIC, "gw-1", stream);
        BigDecimal derived = readings(day, day.plusDays(1));

        LocalDate release1 = today.minusDays(5);
        publish(release1);

        // the DSO's daily energy for that day: 15 kWh, not 12.345
        String dso = "usage_point_id,start,end,value,unit\n" + PRM + ","
                + day.atStartOfDay(ZONE).toOffsetDateTime() + ","
                + day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime()
                + ",15000,Wh\n";
        accept(Format.CSV, "dso", dso.getBytes(StandardCharsets.US_ASCII));
        BigDecimal corrected = readings(day, day.plusDays(1));
        assertThat(corrected.subtract(derived))
                .as("the store holds the DSO's value instead of the derived one")
                .isEqualByComparingTo("2.655");

        publish(today);

        // The year the second release computes is new (it moved on by five days), so nothing fixes it:
        // the views sum the readings the store now holds, the DSO's value included.
        List<Map<String, String>> annual = cells(Dataset.ANNUAL_BY_DISTRICT);
        List<String> annualReleases =
                annual.stream().map(c -> c.get("release")).distinct().sorted().toList();
        assertThat(annualReleases).hasSize(2);
        Map<String, String> year1 = only(annual, annualReleases.get(0), null);
        Map<String, String> year = only(annual, annualReleases.get(1), null);
        LocalDate from = LocalDate.parse(year.get("period_start"));
        LocalDate to = LocalDate.parse(year.get("period_end"));
        assertThat(from).isBeforeOrEqualTo(day);
        assertThat(to).isAfter(day);
        var candidate = views().compute(today).candidates().stream()
                .filter(c -> c.dataset() == Dataset.ANNUAL_BY_DISTRICT
                        && c.area().iri().equals(DISTRICT)
                        && c.fluid() == org.vivacite.opendata.Fluid.ELECTRICITY
                        && c.sector() == org.vivacite.opendata.Sector.RESIDENTIAL)
                .toList();
        assertThat(candidate).hasSize(1);
        assertThat(candidate.get(0).total())
                .as("the year's cell counts the DSO's value")
                .isEqualByComparingTo(readings(from, to));

        // The day's own cell, which the first release published, is republished with its values.
        List<Map<String, String>> daily = cells(Dataset.DAILY_BY_DISTRICT);
        List<String> releases =
                daily.stream().map(c -> c.get("release")).distinct().sorted().toList();
        assertThat(releases).hasSize(2);
        Map<String, String> before = only(daily, releases.get(0), day);
        Map<String, String> after = only(daily, releases.get(1), day);
        assertThat(after.get("consumption")).isEqualTo(before.get("consumption"));
        assertThat(after.get("status")).isEqualTo(before.get("status"));

        // The two years share the corrected day, which the first release saw as derived: their
        // difference, less the days gained and lost, or the new year less its days as published, would
        // be the correction, one household's. A changed day cannot be checked: the new year is hidden,
        // and the release's private audit record says why (docs/disclosure.md).
        assertThat(year.get("status"))
                .as("second year " + year + ", first year " + year1)
                .isEqualTo("confidential");
        assertThat(year.get("consumption")).isEmpty();
        List<String> rules = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(
                folders.audit(year.get("release")).resolve("confidential-cells.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(r)) {
                if (row.get("dataset").equals(Dataset.ANNUAL_BY_DISTRICT.id)
                        && row.get("area").equals(DISTRICT)
                        && row.get("fluid").equals("electricity")
                        && row.get("sector").equals("residential")) {
                    rules.add(row.get("rule"));
                }
            }
        }
        assertThat(rules).containsExactly("release-difference");
    }
}
