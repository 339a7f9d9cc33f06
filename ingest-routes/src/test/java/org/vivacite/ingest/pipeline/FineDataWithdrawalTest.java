package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vivacite.ingest.pipeline.PipelineFixture.http;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.Purpose;

/**
 * The consent gate reads the consent graph, and withdrawing a consent to fine data deletes the
 * finer data it covered and keeps the daily consumption, equal to the sum of the finer data it
 * replaces. Real pipeline, real LMDB store and rollups.
 */
class FineDataWithdrawalTest {

    private static final String WATER = "12345678";
    private static final LocalDateTime MIDNIGHT = LocalDateTime.of(2026, 2, 10, 0, 0);

    @TempDir
    Path dir;

    PipelineFixture f;
    final Map<String, Integer> withheld = new TreeMap<>();

    @BeforeEach
    void open() {
        f = new PipelineFixture(dir, true);
        f.pipeline.listener(new IngestListener() {
            @Override
            public void withheld(String source, String reason, int readings) {
                withheld.merge(reason, readings, Integer::sum);
            }
        });
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String dwelling() {
        return f.mapper.nodes(f.registry.all().get(0)).featureOfInterest().getURI();
    }

    /** A water register read every half hour of a day and the next midnight: 10 litres the half hour, more at noon. */
    private void halfHourlyDay() {
        StringBuilder lines = new StringBuilder();
        long litres = 5_000;
        for (int i = 0; i <= 48; i++) {
            lines.append(f.telegram(WATER, litres, MIDNIGHT.plusMinutes(30L * i)))
                    .append('\n');
            litres += i == 24 ? 35 : 10;
        }
        Outcome o = f.pipeline.accept(http(Format.WMBUS, lines.toString()));
        assertThat(o.rejections()).isEmpty();
    }

    @Test
    void theRegistryColumnIsImportedAsAConsentToFineDataThatTheGateReads() {
        f.waterMeter(WATER, "DW-1", "PT30M");

        List<Consent> consents = f.pipeline.consents().of(List.of(dwelling()));
        assertThat(consents).singleElement().satisfies(c -> {
            assertThat(c.purpose()).isEqualTo(Purpose.FINE_DATA);
            assertThat(c.step()).hasMinutes(30);
            assertThat(c.fromRegistry()).isTrue();
        });
        halfHourlyDay();
        assertThat(f.values("waterVolume")).hasSize(49);
        assertThat(withheld).doesNotContainKey("between-steps");
    }

    @Test
    void withdrawingFineDataDeletesTheHalfHoursAndKeepsTheDayEqualToTheirSum() {
        f.waterMeter(WATER, "DW-1", "PT30M");
        halfHourlyDay();
        Map<String, BigDecimal> consumedBefore = f.values("waterVolumeConsumed");
        BigDecimal hourlySum = consumedBefore.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/PT1H"))
                .map(Map.Entry::getValue)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(consumedBefore.keySet().stream().filter(k -> k.endsWith("/PT1H")))
                .hasSize(24);
        assertThat(f.values("waterVolume")).hasSize(49);
        String rollupsBefore = f.rollupSums().toString();
        Consent fine = f.pipeline.consents().of(List.of(dwelling())).get(0);

        Consents.Withdrawal w = f.pipeline.consents().withdraw(fine.id());

        String day = MIDNIGHT.atZone(PipelineFixture.ZONE).toInstant() + "/P1D";
        Map<String, BigDecimal> consumedAfter = f.values("waterVolumeConsumed");
        assertThat(consumedAfter).containsOnlyKeys(day);
        assertThat(consumedAfter.get(day)).isEqualByComparingTo(hourlySum).isEqualByComparingTo("0.505");
        assertThat(f.values("waterVolume").keySet())
                .containsExactlyInAnyOrder(
                        MIDNIGHT.atZone(PipelineFixture.ZONE).toInstant().toString(),
                        MIDNIGHT.plusDays(1)
                                .atZone(PipelineFixture.ZONE)
                                .toInstant()
                                .toString());
        assertThat(w.deleted()).isEqualTo(47 + 24);
        assertThat(f.rollupSums().toString()).isEqualTo(rollupsBefore);
        // no interval or instant of a deleted half hour or hour is left behind
        assertThat(f.store.ask("ASK { GRAPH ?g { ?i <http://www.w3.org/2006/time#hasXSDDuration> ?d"
                        + " FILTER(STR(?d) = \"PT1H\") } }"))
                .isFalse();
        // and the gate keeps nothing finer from now on
        Outcome o = f.pipeline.accept(
                http(Format.WMBUS, f.telegram(WATER, 5_600, MIDNIGHT.plusDays(1).plusMinutes(30)) + "\n"));
        assertThat(o.rejections()).isEmpty();
        assertThat(withheld).containsEntry("between-steps", 1);
        assertThat(f.values("waterVolume")).hasSize(2);
    }

    @Test
    void aWithdrawalIsKeptInTheConsentGraphAndSurvivesARestart() {
        f.waterMeter(WATER, "DW-1", "PT30M");
        Consent fine = f.pipeline.consents().of(List.of(dwelling())).get(0);
        f.pipeline.consents().withdraw(fine.id());

        Consents reread = new Consents(
                f.store,
                PipelineFixture.BASE,
                java.time.Clock.fixed(PipelineFixture.NOW, java.time.ZoneOffset.UTC),
                new org.vivacite.ingest.consent.FinerData(f.store, f.mapper.quantities(), PipelineFixture.ZONE));

        assertThat(reread.get(fine.id())).hasValueSatisfying(c -> {
            assertThat(c.withdrawn()).isEqualTo(PipelineFixture.NOW);
            assertThat(c.status(PipelineFixture.NOW)).isEqualTo("withdrawn");
        });
        assertThat(reread.step(dwelling(), PipelineFixture.NOW)).hasDays(1);
        assertThat(f.store.ask("PREFIX dpv: <https://w3id.org/dpv#> ASK { GRAPH <" + PipelineFixture.BASE
                        + "graph/consent> { ?c dpv:hasConsentStatus dpv:ConsentWithdrawn ;"
                        + " dpv:hasPurpose <https://w3id.org/vivacite/ontology#fineData> } }"))
                .isTrue();
    }

    @Test
    void aPersonWithdrawingFineDataWithdrawsTheRegistrysConsentOfTheDwellingToo() {
        f.waterMeter(WATER, "DW-1", "PT30M");
        Consents consents = f.pipeline.consents();
        Consent mine =
                consents.give("ana", dwelling(), Purpose.FINE_DATA, java.time.Duration.ofMinutes(30), null, null);
        halfHourlyDay();
        assertThat(f.values("waterVolume")).hasSize(49);

        Consents.Withdrawal w = consents.withdraw(mine.id());

        // without the registry's consent withdrawn too, the household would still be at PT30M
        assertThat(consents.step(dwelling(), PipelineFixture.NOW)).hasDays(1);
        assertThat(consents.of(List.of(dwelling())))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.withdrawn()).isEqualTo(PipelineFixture.NOW));
        assertThat(w.deleted()).isEqualTo(47 + 24);
        assertThat(f.values("waterVolume")).hasSize(2);
    }

    @Test
    void movingOutEndsTheLeavingPersonsConsentsAtTheMoveDateAndNoOneElses() {
        f.waterMeter(WATER, "DW-1", "P1D");
        Consents consents = f.pipeline.consents();
        java.time.Instant move = PipelineFixture.NOW.plus(java.time.Duration.ofDays(10));
        Consent ana = consents.give("ana", dwelling(), Purpose.FINE_DATA, java.time.Duration.ofMinutes(30), null, null);
        Consent bob = consents.give("bob", dwelling(), Purpose.RESEARCH, null, null, null);

        List<Consent> ended = consents.endHousehold(dwelling(), List.of("ana"), move);

        assertThat(ended).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(ana.id());
            assertThat(c.until()).isEqualTo(move);
        });
        assertThat(consents.step(dwelling(), move.minusSeconds(1))).hasMinutes(30);
        assertThat(consents.step(dwelling(), move)).hasDays(1);
        assertThat(consents.get(bob.id())).hasValue(bob);
        // kept in the store: read again, the end is there
        Consents reread = new Consents(
                f.store,
                PipelineFixture.BASE,
                java.time.Clock.fixed(PipelineFixture.NOW, java.time.ZoneOffset.UTC),
                new org.vivacite.ingest.consent.FinerData(f.store, f.mapper.quantities(), PipelineFixture.ZONE));
        assertThat(reread.get(ana.id()).orElseThrow().until()).isEqualTo(move);
    }

    @Test
    void aMoveOutEndsTheRegistrysConsentSoTheNextHouseholdsDataAreDailyUntilItConsents() {
        // the utility's record of the leaving household's consent to half hours
        f.waterMeter(WATER, "DW-1", "PT30M");
        halfHourlyDay();
        assertThat(f.values("waterVolume")).hasSize(49);
        Consents consents = f.pipeline.consents();
        // recorded late: the household left at noon of the day whose half hours were kept
        java.time.Instant noon =
                MIDNIGHT.plusHours(12).atZone(PipelineFixture.ZONE).toInstant();

        List<Consent> ended = consents.endHousehold(dwelling(), List.of(), noon);

        assertThat(ended)
                .singleElement()
                .satisfies(c -> assertThat(c.fromRegistry()).isTrue());
        assertThat(consents.step(dwelling(), PipelineFixture.NOW)).hasDays(1);
        // the morning's half hours were the leaving household's and stay; the afternoon's were the
        // next one's, kept without its consent, and go (the next midnight's register is daily data)
        assertThat(f.values("waterVolume").keySet())
                .allSatisfy(t -> assertThat(java.time.Instant.parse(t))
                        .satisfiesAnyOf(
                                i -> assertThat(i).isBefore(noon),
                                i -> assertThat(i)
                                        .isEqualTo(MIDNIGHT.plusDays(1)
                                                .atZone(PipelineFixture.ZONE)
                                                .toInstant())))
                .hasSize(24 + 1);
        // the gate: the same day sent again keeps only the midnights
        withheld.clear();
        halfHourlyDay();
        assertThat(withheld).containsEntry("between-steps", 47);
        assertThat(f.values("waterVolume")).hasSize(25);
        // the registry's row, imported again unchanged, is still the leaving household's record
        f.waterMeter(WATER, "DW-1", "PT30M");
        assertThat(consents.step(dwelling(), PipelineFixture.NOW)).hasDays(1);
        assertThat(consents.of(List.of(dwelling()))).hasSize(1);
        // a new record of the utility (another step) is the next household's
        f.waterMeter(WATER, "DW-1", "PT1H");
        assertThat(consents.step(dwelling(), PipelineFixture.NOW)).hasHours(1);
    }
}
