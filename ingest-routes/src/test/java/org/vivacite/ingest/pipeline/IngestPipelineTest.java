package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.dec;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;

class IngestPipelineTest {

    @TempDir
    Path dir;

    PipelineFixture f;

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static Envelope from(String source, String gateway, String payload) {
        return new Envelope(
                Format.WMBUS,
                source,
                gateway,
                null,
                PipelineFixture.NOW,
                payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                null);
    }

    private static LocalDateTime day(int d) {
        return LocalDateTime.of(2026, 2, d, 0, 0);
    }

    @Test
    void writesTheReadingsOfRegisteredMetersWithDerivedDailyConsumption() {
        f.waterMeter("12345678", "DW-1", "P1D");
        String lines = f.telegram("12345678", 123_456, day(15)) + "\n" + f.telegram("12345678", 123_701, day(16));

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, lines));

        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.rejected()).isZero();
        assertThat(f.values("waterVolume"))
                .containsOnly(
                        Map.entry("2026-02-14T23:00:00Z", dec("123.456")),
                        Map.entry("2026-02-15T23:00:00Z", dec("123.701")));
        assertThat(f.values("waterVolumeConsumed")).containsOnly(Map.entry("2026-02-14T23:00:00Z/P1D", dec("0.245")));
        assertThat(f.deadLetters.list()).isEmpty();
    }

    @Test
    void callersOnManyThreadsAtOnceEachGetTheirOwnOutcome() throws Exception {
        int callers = 8;
        int days = 10;
        List<List<String>> telegrams = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            String id = "1000000" + c;
            if (c < callers - 1) {
                f.waterMeter(id, "DW-" + c, "P1D");
            } else {
                f.keys.put(id, PipelineFixture.key(id)); // known key, meter not registered
            }
            List<String> mine = new ArrayList<>();
            for (int d = 1; d <= days; d++) {
                mine.add(f.telegram(id, 1_000L * c + 100L * d, day(d)));
            }
            telegrams.add(mine);
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Outcome>>> outcomes = new ArrayList<>();
            for (List<String> mine : telegrams) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    List<Outcome> got = new ArrayList<>();
                    for (String t : mine) {
                        got.add(f.pipeline.accept(http(Format.WMBUS, t)));
                    }
                    return got;
                }));
            }
            start.countDown();
            for (int c = 0; c < callers; c++) {
                List<Outcome> got = outcomes.get(c).get(60, TimeUnit.SECONDS);
                boolean registered = c < callers - 1;
                assertThat(got).as("caller %d", c).hasSize(days).allSatisfy(o -> {
                    assertThat(o.accepted()).isEqualTo(registered ? 1 : 0);
                    assertThat(o.rejections())
                            .extracting(Outcome.Rejection::reason)
                            .containsExactlyElementsOf(registered ? List.of() : List.of("unknown-meter"));
                });
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.allValues("waterVolume")).hasSize((callers - 1) * days);
        assertThat(f.allValues("waterVolumeConsumed"))
                .as("100 L a day for every registered meter")
                .hasSize((callers - 1) * (days - 1))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0.1"));
        assertThat(f.deadLetters.list()).hasSize(days);
    }

    @Test
    void aRedeliveredTelegramAddsNothing() {
        f.waterMeter("12345678", "DW-1", "P1D");
        String lines = f.telegram("12345678", 1_000, day(1)) + "\n" + f.telegram("12345678", 1_500, day(2));
        f.pipeline.accept(http(Format.WMBUS, lines));
        long size = f.size();
        Graph before = f.all();

        // the same message again, then the same readings in new telegrams (another access number)
        f.pipeline.accept(http(Format.WMBUS, lines));
        Outcome again = f.pipeline.accept(new org.vivacite.ingest.Envelope(
                Format.WMBUS, "http", "gw-1", "m-1", PipelineFixture.NOW, lines.getBytes(), -71));

        assertThat(again.accepted()).isEqualTo(2);
        assertThat(f.values("waterVolume")).hasSize(2);
        assertThat(f.values("waterVolumeConsumed")).hasSize(1);
        // only the provenance of the new receipt is added: no observation, no value twice
        assertThat(f.size()).isGreaterThanOrEqualTo(size);
        assertThat(before.size()).isEqualTo(size);
    }

    @Test
    void aReadingOfAnUnknownMeterIsQuarantinedThenReplayedWhenTheMeterIsRegistered() {
        // one meter whose key the platform holds but that is not registered, one with neither
        f.keys.put("87654321", PipelineFixture.key("87654321"));
        String telegram = f.telegram("87654321", 2_000, day(3));
        String keyless = f.telegram("87654322", 3_000, day(3));

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, telegram + "\n" + keyless));

        assertThat(outcome.accepted()).isZero();
        assertThat(outcome.rejections()).hasSize(2);
        assertThat(outcome.rejections().get(0)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("unknown-meter");
            assertThat(r.detail()).contains("87654321").contains("not in the meter registry");
        });
        assertThat(outcome.rejections().get(1).reason()).isEqualTo("missing-key");
        assertThat(outcome.rejections().get(1).detail()).contains("87654322");
        assertThat(outcome.reasons()).containsOnly(Map.entry("unknown-meter", 1), Map.entry("missing-key", 1));
        assertThat(f.size()).isZero();
        DeadLetter letter = f.deadLetters.list().get(0);
        assertThat(new String(letter.envelope().payload())).isEqualTo(telegram + "\n" + keyless);

        f.waterMeter("87654321", "DW-2", "P1D");
        assertThat(f.deadLetters.get(letter.id()).orElseThrow().reasons())
                .as("the registered meter's telegram went through, the other waits")
                .containsOnly(Map.entry(Reason.MISSING_KEY, 1));
        f.waterMeter("87654322", "DW-3", "P1D");

        assertThat(f.deadLetters.list()).isEmpty();
        assertThat(f.deadLetters.directory().resolve("replayed").resolve(letter.id() + ".json"))
                .exists();
        assertThat(f.allValues("waterVolume")).containsExactlyInAnyOrder(dec("2"), dec("3"));
    }

    @Test
    void theRejectedRowsOfAPayloadAreOneLetterWithEachRowsReason() {
        StringBuilder csv = new StringBuilder("usage_point_id,start,end,value,unit\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("x\n");
        }

        Outcome outcome = f.pipeline.accept(http(Format.CSV, csv.toString()));

        assertThat(outcome.rejected()).isEqualTo(20_000);
        assertThat(outcome.reasons()).containsOnly(Map.entry("undecodable", 20_000));
        assertThat(outcome.unreadable()).isTrue();
        assertThat(outcome.rejections())
                .hasSize(DeadLetter.Units.DETAILS)
                .extracting(Outcome.Rejection::deadLetterId)
                .containsOnly(outcome.rejections().get(0).deadLetterId());
        assertThat(f.deadLetters.size()).isEqualTo(1);
        DeadLetter letter = f.deadLetters.list().get(0);
        assertThat(letter.units().size()).isEqualTo(20_000);
        assertThat(letter.reasons()).containsOnly(Map.entry(Reason.UNDECODABLE, 20_000));
        assertThat(letter.envelope().payload()).isEqualTo(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLetterOfSeveralUnitsKeepsOnlyTheRejectedOnesAndItsReplayWritesThoseThatGoThrough() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.keys.put("87654321", PipelineFixture.key("87654321"));
        String good = f.telegram("12345678", 1_000, day(1));
        String unknown = f.telegram("87654321", 2_000, day(3));

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, good + "\nnot hex at all\n" + unknown + "\n"));

        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.reasons()).containsOnly(Map.entry("undecodable", 1), Map.entry("unknown-meter", 1));
        assertThat(outcome.unreadable()).isFalse();
        DeadLetter letter = f.deadLetters.list().get(0);
        assertThat(f.deadLetters.size()).isEqualTo(1);
        assertThat(new String(letter.envelope().payload(), StandardCharsets.US_ASCII))
                .isEqualTo("not hex at all\n" + unknown);
        assertThat(letter.units().reason(0)).hasValue(Reason.UNDECODABLE);
        assertThat(letter.units().reason(1)).hasValue(Reason.UNKNOWN_METER);

        IngestPipeline.Replay undecodable = f.pipeline.replay(l -> true, r -> r == Reason.UNDECODABLE);
        assertThat(undecodable).isEqualTo(new IngestPipeline.Replay(1, 1, 0, 1));
        DeadLetter again = f.deadLetters.get(letter.id()).orElseThrow();
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(again.reasons()).containsOnly(Map.entry(Reason.UNDECODABLE, 1), Map.entry(Reason.UNKNOWN_METER, 1));

        f.waterMeter("87654321", "DW-2", "P1D");

        DeadLetter left = f.deadLetters.get(letter.id()).orElseThrow();
        assertThat(left.reasons()).containsOnly(Map.entry(Reason.UNDECODABLE, 1));
        assertThat(left.units().reason(1)).as("went through").isEmpty();
        assertThat(left.units().rejectedFor(1)).as("why it waited").isEqualTo(Reason.UNKNOWN_METER);
        assertThat(f.allValues("waterVolume")).containsExactlyInAnyOrder(dec("1"), dec("2"));
    }

    @Test
    void aWrongKeyGoesToTheDeadLetterStoreAndNothingToTheStore() {
        f.waterMeter("12345678", "DW-1", "P1D");
        String telegram = f.telegram("12345678", 1_000, day(1));
        f.keys.put("12345678", new byte[16]);

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, telegram + "\nnot hex at all\n"));

        assertThat(outcome.rejections())
                .extracting(Outcome.Rejection::reason)
                .containsExactly("wrong-key", "undecodable");
        assertThat(f.values("waterVolume")).isEmpty();
        assertThat(f.deadLetters.list()).hasSize(1);
        assertThat(f.deadLetters.list().get(0).detail())
                .contains("12345678")
                .doesNotContain("00000000000000000000000000000000");
    }

    @Test
    void withoutConsentOnlyMidnightReadingsAreKeptAndNoHourlyConsumption() {
        f.waterMeter("11111111", "DW-1", "P1D");
        f.waterMeter("22222222", "DW-2", "PT30M");
        StringBuilder lines = new StringBuilder();
        for (String id : new String[] {"11111111", "22222222"}) {
            for (int h = 0; h <= 24; h++) {
                lines.append(f.telegram(id, 1_000 + 10L * h, day(10).plusHours(h)))
                        .append('\n');
            }
        }

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, lines.toString()));

        // written: the P1D meter's two midnight registers and the PT30M meter's 25; the rest withheld
        assertThat(outcome.accepted()).isEqualTo(27);
        assertThat(outcome.withheld()).isEqualTo(23);
        var registers = f.store
                .select(
                        "SELECT ?m (COUNT(?o) AS ?n) WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/madeBySensor> ?m ;"
                                + " <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#waterVolume> } } GROUP BY ?m ORDER BY ?n")
                .rows();
        assertThat(registers)
                .extracting(r -> r.get("n").getLiteralValue().toString())
                .containsExactly("2", "25");
        var consumed = f.store
                .select("SELECT ?m ?d ?v WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/madeBySensor> ?m ;"
                        + " <http://www.w3.org/ns/sosa/observedProperty> <https://w3id.org/vivacite/ontology#waterVolumeConsumed> ;"
                        + " <http://www.w3.org/ns/sosa/hasSimpleResult> ?v ; <http://www.w3.org/ns/sosa/phenomenonTime> ?i ."
                        + " ?i <http://www.w3.org/2006/time#hasXSDDuration> ?d } }")
                .rows();
        assertThat(consumed.stream()
                        .filter(r -> r.get("d").getLiteralLexicalForm().equals("P1D")))
                .hasSize(2)
                .allSatisfy(r -> assertThat(new java.math.BigDecimal(r.get("v").getLiteralLexicalForm()))
                        .isEqualByComparingTo("0.24"));
        assertThat(consumed.stream()
                        .filter(r -> r.get("d").getLiteralLexicalForm().equals("PT1H")))
                .hasSize(24)
                .allSatisfy(r -> assertThat(new java.math.BigDecimal(r.get("v").getLiteralLexicalForm()))
                        .isEqualByComparingTo("0.01"));
    }

    @Test
    void aGapIsMarkedAndSplitWhenTheMissingReadingsArriveLate() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.pipeline.accept(http(
                Format.WMBUS, f.telegram("12345678", 1_000, day(1)) + "\n" + f.telegram("12345678", 1_900, day(4))));

        assertThat(f.values("waterVolumeConsumed")).containsOnly(Map.entry("2026-01-31T23:00:00Z/P3D", dec("0.9")));
        assertThat(f.store.ask("ASK { GRAPH ?g { ?o <https://w3id.org/vivacite/ontology#coversGap> true } }"))
                .isTrue();

        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_200, day(2))));
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_500, day(3))));

        assertThat(f.values("waterVolumeConsumed"))
                .containsOnly(
                        Map.entry("2026-01-31T23:00:00Z/P1D", dec("0.2")),
                        Map.entry("2026-02-01T23:00:00Z/P1D", dec("0.3")),
                        Map.entry("2026-02-02T23:00:00Z/P1D", dec("0.4")));
        assertThat(f.store.ask("ASK { GRAPH ?g { ?o <https://w3id.org/vivacite/ontology#coversGap> ?x } }"))
                .isFalse();
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfArrival() {
        long[] litres = {5_000, 5_210, 5_300, 5_650, 5_651, 6_000};
        f.waterMeter("12345678", "DW-1", "P1D");
        for (int i = 0; i < litres.length; i++) {
            f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", litres[i], day(1 + i))));
        }
        Map<String, java.math.BigDecimal> inOrder = f.values("waterVolumeConsumed");
        f.close();

        f = new PipelineFixture(dir.resolve("second"));
        f.waterMeter("12345678", "DW-1", "P1D");
        for (int i : new int[] {5, 0, 3, 1, 4, 2}) {
            f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", litres[i], day(1 + i))));
        }

        assertThat(inOrder).hasSize(5);
        assertThat(f.values("waterVolumeConsumed")).isEqualTo(inOrder);
    }

    @Test
    void aRegisterRolloverCountsWhatWasConsumedAndADecreaseDerivesNothing() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.pipeline.accept(http(
                Format.WMBUS,
                String.join(
                        "\n",
                        f.telegram("12345678", 99_999_500, day(1)),
                        f.telegram("12345678", 300, day(2)),
                        f.telegram("12345678", 100, day(3)))));

        assertThat(f.values("waterVolumeConsumed")).containsOnly(Map.entry("2026-01-31T23:00:00Z/P1D", dec("0.8")));
    }

    @Test
    void aMeterReplacedOnADayIsTwoSeriesAndItsOldReadingsAfterwardsAreRefused() {
        f.registry.register(org.vivacite.ingest.registry.MeterCsv.parse(
                PipelineFixture.HEADER + "\n"
                        + "11111111,ZRI,water,DW-1,water-meter,waterVolume,wmbus,BLDG00000001,,P1D,,2026-02-03,gw-1\n"
                        + "22222222,ZRI,water,DW-1,water-meter,waterVolume,wmbus,BLDG00000001,,P1D,2026-02-03,,gw-1\n",
                "test"));
        f.keys.put("11111111", PipelineFixture.key("11111111"));
        f.keys.put("22222222", PipelineFixture.key("22222222"));

        Outcome outcome = f.pipeline.accept(http(
                Format.WMBUS,
                String.join(
                        "\n",
                        f.telegram("11111111", 50_000, day(1)),
                        f.telegram("11111111", 50_400, day(2)),
                        f.telegram("11111111", 50_800, day(4)),
                        f.telegram("22222222", 30, day(3)),
                        f.telegram("22222222", 330, day(4)))));

        assertThat(outcome.accepted()).isEqualTo(4);
        assertThat(outcome.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("not in service on 2026-02-04"));
        assertThat(f.allValues("waterVolumeConsumed")).containsExactlyInAnyOrder(dec("0.4"), dec("0.3"));
    }

    @Test
    void aConflictingValueIsRefusedAndTheStoredOneKept() {
        f.waterMeter("12345678", "DW-1", "P1D");
        f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_000, day(1))));

        Outcome outcome = f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_234, day(1))));

        assertThat(outcome.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("conflicting-value");
            assertThat(r.detail())
                    .contains("1.234 conflicts with 1 already stored")
                    .contains("/waterVolume/");
        });
        assertThat(f.values("waterVolume").values()).containsExactly(dec("1"));
    }

    @Test
    void historicTicFramesDeliveredTogetherWithDifferentIndexesKeepTheFirstAndDeadLetterTheOtherNamingBothValues() {
        // historic frames carry no time: both are timed at their receipt (13:00 local, on a step of PT1H)
        f.linky("012345678910", "DW-1", "PT1H");
        byte[] first = PipelineFixture.historicFrame("012345678910", 3_519_703, 2_300);
        byte[] second = PipelineFixture.historicFrame("012345678910", 3_519_801, 2_400);

        Outcome outcome = f.pipeline.accept(http(Format.TIC, tic(first, second)));

        assertThat(f.values("electricityEnergyWithdrawn").values()).containsExactly(dec("3519.703"));
        String iri = f.store
                .select("SELECT ?o WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/observedProperty>"
                        + " <https://w3id.org/vivacite/ontology#electricityEnergyWithdrawn> } }")
                .rows()
                .get(0)
                .get("o")
                .getURI();
        assertThat(outcome.rejected()).isEqualTo(1);
        assertThat(outcome.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.CONFLICTING_VALUE.id());
            assertThat(r.detail()).contains(iri).contains("3519.801").contains("3519.703");
        });
        // nothing lost: the refused frame is in the dead-letter store as it came, with its reason
        assertThat(f.deadLetters.list()).singleElement().satisfies(l -> {
            assertThat(l.units().size()).isEqualTo(1);
            assertThat(l.reasons()).containsOnly(Map.entry(Reason.CONFLICTING_VALUE, 1));
            assertThat(l.detail()).contains(iri).contains("3519.801").contains("3519.703");
            assertThat(new String(l.envelope().payload(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(tic(second));
        });
        // replayed, it meets the kept value in the store and keeps waiting
        assertThat(f.pipeline.replay(l -> true)).isEqualTo(new IngestPipeline.Replay(1, 1, 0, 1));
        assertThat(f.values("electricityEnergyWithdrawn").values()).containsExactly(dec("3519.703"));
        assertThat(f.deadLetters.list())
                .singleElement()
                .satisfies(l -> assertThat(l.detail()).contains("3519.801 conflicts with 3519.703 already stored"));
    }

    @Test
    void aHistoricTicFrameDeliveredTwiceInOnePayloadIsWrittenOnceAndRefusesNothing() {
        f.linky("012345678910", "DW-1", "PT1H");
        byte[] frame = PipelineFixture.historicFrame("012345678910", 3_519_703, 2_300);

        Outcome outcome = f.pipeline.accept(http(Format.TIC, tic(frame, frame)));

        assertThat(outcome.rejected()).isZero();
        assertThat(f.values("electricityEnergyWithdrawn").values()).containsExactly(dec("3519.703"));
        assertThat(f.deadLetters.list()).isEmpty();
    }

    private static String tic(byte[]... frames) {
        StringBuilder s = new StringBuilder();
        for (byte[] frame : frames) {
            s.append(new String(frame, StandardCharsets.ISO_8859_1));
        }
        return s.toString();
    }

    @Test
    void aReadingFarInTheFutureIsRefused() {
        f.waterMeter("12345678", "DW-1", "P1D");

        Outcome outcome = f.pipeline.accept(
                http(Format.WMBUS, f.telegram("12345678", 1_000, LocalDateTime.of(2031, 1, 1, 0, 0))));

        assertThat(outcome.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.FUTURE_TIME.id());
            assertThat(r.detail()).contains("12345678").contains("future");
        });
        assertThat(f.values("waterVolume")).isEmpty();
    }

    @Test
    void rejectsAReadingAnHourAheadAsFutureTimeWithTheDefaultMarginOfMinutes() {
        f.waterMeter("12345678", "DW-1", "PT1M"); // a consent that keeps the register read at 13:04
        LocalDateTime now = LocalDateTime.ofInstant(PipelineFixture.NOW, PipelineFixture.ZONE);

        Outcome ahead = f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 1_000, now.plusHours(1))));
        Outcome skewed = f.pipeline.accept(http(Format.WMBUS, f.telegram("12345678", 900, now.plusMinutes(4))));

        assertThat(ahead.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.FUTURE_TIME.id());
            assertThat(r.detail()).contains("12345678").contains("future");
        });
        assertThat(skewed.accepted()).isEqualTo(1); // a gateway's clock a few minutes ahead is not refused
        assertThat(f.values("waterVolume").values()).containsExactly(dec("0.9"));
    }

    @Test
    void rejectsAGatewayReportingAMeterItIsNotListedForSoItCannotPreemptTheRealValue() {
        f.waterMeter("12345678", "DW-1", "P1D", "gw-1");
        String forged = f.telegram("12345678", 9_999, day(1));

        Outcome foreign = f.pipeline.accept(from("mqtt", "gw-intruder", forged));
        Outcome own = f.pipeline.accept(from("mqtt", "gw-1", f.telegram("12345678", 1_000, day(1))));

        assertThat(foreign.accepted()).isZero();
        assertThat(foreign.rejections()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("foreign-gateway");
            assertThat(r.detail()).contains("gw-intruder").contains("12345678");
        });
        assertThat(own.accepted()).isEqualTo(1);
        assertThat(own.rejections()).isEmpty(); // not conflicting-value: the forged value was never written
        assertThat(f.values("waterVolume").values()).containsExactly(dec("1"));
        assertThat(f.deadLetters.list())
                .singleElement()
                .satisfies(l -> assertThat(l.envelope().gateway()).isEqualTo("gw-intruder"));
    }

    @Test
    void aForeignGatewaysReadingGoesThroughOnReplayOnceTheRegistryListsThatGateway() {
        f.waterMeter("12345678", "DW-1", "P1D", "gw-1");
        f.pipeline.accept(from("coap", "gw-2", f.telegram("12345678", 1_000, day(1))));

        f.waterMeter("12345678", "DW-1", "P1D", "gw-1;gw-2");

        // a registration replays what waited for a meter or a key, not what a gateway was refused
        assertThat(f.deadLetters.list())
                .singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo(Reason.FOREIGN_GATEWAY));
        IngestPipeline.Replay replay = f.pipeline.replay(l -> l.reason() == Reason.FOREIGN_GATEWAY);
        assertThat(replay.resolved()).isEqualTo(1);
        assertThat(f.values("waterVolume").values()).containsExactly(dec("1"));
    }

    @Test
    void aReadingQuarantinedForWantOfItsMeterIsRefusedOnReplayIfItsGatewayIsNotListed() {
        f.keys.put("12345678", PipelineFixture.key("12345678"));
        f.pipeline.accept(from("mqtt", "gw-2", f.telegram("12345678", 1_000, day(1))));

        f.waterMeter("12345678", "DW-1", "P1D", "gw-1");

        assertThat(f.deadLetters.list()).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(Reason.FOREIGN_GATEWAY);
            assertThat(l.detail()).contains("gw-2");
        });
        assertThat(f.values("waterVolume")).isEmpty();
    }

    @Test
    void filesDroppedByTheOperatorAreNotBoundToAGatewayAndRowsWithoutGatewaysTakeAnyGateway() {
        f.waterMeter("11111111", "DW-1", "P1D", "gw-1");
        f.waterMeter("22222222", "DW-2", "P1D", "");

        Outcome dropped = f.pipeline.accept(from("file", "export.hex", f.telegram("11111111", 1_000, day(1))));
        Outcome legacy = f.pipeline.accept(from("mqtt", "gw-9", f.telegram("22222222", 2_000, day(1))));

        assertThat(dropped.accepted()).isEqualTo(1);
        assertThat(legacy.accepted()).isEqualTo(1);
        assertThat(f.deadLetters.list()).isEmpty();
    }

    @Test
    void aPayloadLargerThanTheLimitIsKeptAsADeadLetter() {
        byte[] huge = new byte[(16 << 20) + 1];
        java.util.Arrays.fill(huge, (byte) 'A');

        Outcome outcome = f.pipeline.accept(
                new org.vivacite.ingest.Envelope(Format.WMBUS, "http", "gw-1", null, PipelineFixture.NOW, huge, null));

        assertThat(outcome.rejections()).extracting(Outcome.Rejection::reason).containsExactly("too-large");
        DeadLetter letter = f.deadLetters.list().get(0);
        assertThat(letter.truncated()).isTrue();
        assertThat(letter.envelope().payload()).hasSize(16 << 20);
        assertThat(letter.size()).isEqualTo((16 << 20) + 1);
    }

    @Test
    void everythingWrittenConformsToTheShapes() {
        f.waterMeter("12345678", "DW-1", "PT30M");
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h <= 48; h += 3) {
            lines.append(f.telegram("12345678", 7_000 + 7L * h, day(20).plusHours(h)))
                    .append('\n');
        }
        lines.append(f.telegram("12345678", 8_000, day(25))).append('\n');
        f.pipeline.accept(http(Format.WMBUS, lines.toString()));

        Graph data = GraphFactory.createDefaultGraph();
        f.all().find().forEach(data::add);
        // the territory (another graph, loaded by the platform) has the building
        data.add(
                org.apache.jena.graph.NodeFactory.createURI(PipelineFixture.BASE + "id/building/BLDG00000001"),
                org.apache.jena.graph.NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                org.apache.jena.graph.NodeFactory.createURI("https://saref.etsi.org/saref4bldg/Building"));
        ShapeReport report = new ShapeValidator().validate(data);

        assertThat(f.values("waterVolumeConsumed")).isNotEmpty();
        assertThat(report.violations().stream().filter(v -> !v.focusNode().contains("id/building/")))
                .as(report.toString())
                .isEmpty();
    }
}
