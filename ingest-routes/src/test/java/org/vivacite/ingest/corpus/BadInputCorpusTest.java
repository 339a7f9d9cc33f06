package org.vivacite.ingest.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.corpus.BadInputCorpus.BadInput;
import org.vivacite.ingest.corpus.BadInputCorpus.GoodInput;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.Decoders;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The bad-input corpus through a real pipeline on a real LMDB store: every input ends as exactly
 * one dead letter with an expected reason and a detail that names no key, nothing reaches the
 * store, nothing escapes {@code accept}, and the pipeline still takes good inputs afterwards.
 */
class BadInputCorpusTest {

    private static final String BASE = "http://localhost:8080/";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String OBSERVATIONS = "ASK { GRAPH ?g { ?o a <http://www.w3.org/ns/sosa/Observation> } }";

    private final BadInputCorpus corpus = BadInputCorpus.generate();

    @TempDir
    Path dir;

    @Test
    void coversEveryFormatAndTheReasonsTheIssueAsksFor() {
        List<BadInput> inputs = corpus.inputs();
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(220);
        assertThat(inputs.stream().map(BadInput::name).distinct()).hasSameSizeAs(inputs);
        Map<Format, Long> byFormat =
                inputs.stream().collect(Collectors.groupingBy(BadInput::format, Collectors.counting()));
        assertThat(byFormat.keySet()).containsExactlyInAnyOrder(Format.values());
        assertThat(byFormat.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(25));
        Set<Reason> sole = inputs.stream()
                .filter(in -> in.expected().size() == 1)
                .map(in -> in.expected().iterator().next())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
        assertThat(sole)
                .contains(
                        Reason.UNDECODABLE,
                        Reason.WRONG_KEY,
                        Reason.MISSING_KEY,
                        Reason.UNKNOWN_METER,
                        Reason.FUTURE_TIME,
                        Reason.TOO_LARGE,
                        Reason.INVALID_VALUE);
        for (Format f : Format.values()) {
            Set<Reason> ofFormat = inputs.stream()
                    .filter(in -> in.format() == f)
                    .flatMap(in -> in.expected().stream())
                    .collect(Collectors.toSet());
            assertThat(ofFormat)
                    .as(f.id())
                    .contains(Reason.UNDECODABLE, Reason.UNKNOWN_METER, Reason.FUTURE_TIME, Reason.INVALID_VALUE);
        }
        assertThat(inputs.stream().filter(BadInput::huge)).hasSize(2);
        assertThat(inputs.stream().filter(in -> in.payload().length == 0).map(BadInput::format))
                .containsExactlyInAnyOrder(Format.values());
    }

    @Test
    void isDeterministic() {
        BadInputCorpus again = BadInputCorpus.generate();
        assertThat(again.inputs()).hasSameSizeAs(corpus.inputs());
        for (int i = 0; i < corpus.inputs().size(); i++) {
            BadInput a = corpus.inputs().get(i);
            BadInput b = again.inputs().get(i);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(Arrays.equals(a.payload(), b.payload())).as(a.name()).isTrue();
        }
        assertThat(again.keysCsv()).isEqualTo(corpus.keysCsv());
        assertThat(BadInputCorpus.generate(1).keysCsv()).isNotEqualTo(corpus.keysCsv());
    }

    @Test
    void everyBadInputBecomesOneDeadLetterAndNothingIsWrittenAndThePipelineStillWorks() {
        Map<String, byte[]> keys = corpus.keys();
        List<String> keyTexts = keys.values().stream()
                .flatMap(k -> Set.of(
                        HexFormat.of().formatHex(k),
                        HexFormat.of().withUpperCase().formatHex(k))
                        .stream())
                .toList();
        try (QuadStore store = QuadStores.open("lmdb", "private", dir.resolve("private"))) {
            MeterRegistry registry = new MeterRegistry(dir.resolve("meters.csv"), BadInputCorpus.ZONE);
            DeadLetterStore deadLetters = new DeadLetterStore(dir.resolve("deadletter"));
            try (IngestPipeline pipeline = new IngestPipeline(
                    store,
                    registry,
                    deadLetters,
                    new ObservationMapper(
                            BASE, new Pseudonyms(new byte[16]), QuantityRegistry.standard(), BadInputCorpus.ZONE),
                    new Decoders((manufacturer, id) -> Optional.ofNullable(keys.get(id)), BadInputCorpus.ZONE),
                    IngestPipeline.Options.defaults(),
                    Clock.fixed(NOW, ZoneOffset.UTC))) {
                registry.register(MeterCsv.parse(corpus.registryCsv(), "corpus registry"));
                assertThat(registry.size()).isEqualTo(5);
                long registered = size(store);
                assertThat(store.ask(OBSERVATIONS)).isFalse();

                SoftAssertions soft = new SoftAssertions();
                Map<String, BadInput> byLetter = new HashMap<>();
                Map<Format, Map<Reason, Integer>> reasons = new java.util.EnumMap<>(Format.class);
                int letters = 0;
                for (BadInput in : corpus.inputs()) {
                    Outcome outcome;
                    try {
                        outcome = pipeline.accept(
                                new Envelope(in.format(), "corpus", "gw-corpus", in.name(), NOW, in.payload(), null));
                    } catch (RuntimeException e) {
                        soft.fail(in + ": accept threw " + e);
                        continue;
                    }
                    soft.assertThat(outcome.accepted()).as(in + " accepted").isZero();
                    soft.assertThat(outcome.rejected()).as(in + " rejected").isEqualTo(1);
                    soft.assertThat(outcome.rejections()).as(in + " rejections").hasSize(1);
                    letters += outcome.rejections().size();
                    for (Outcome.Rejection r : outcome.rejections()) {
                        Reason reason = Reason.of(r.reason());
                        reasons.computeIfAbsent(in.format(), k -> new java.util.EnumMap<>(Reason.class))
                                .merge(reason, 1, Integer::sum);
                        soft.assertThat(in.expected())
                                .as(in + " gave " + reason + ": " + r.detail())
                                .contains(reason);
                        soft.assertThat(r.detail()).as(in + " detail").isNotBlank();
                        for (String key : keyTexts) {
                            soft.assertThat(r.detail())
                                    .as(in + " detail names a key")
                                    .doesNotContain(key);
                        }
                        byLetter.put(r.deadLetterId(), in);
                    }
                    soft.assertThat(deadLetters.size())
                            .as(in + ": letters so far")
                            .isEqualTo(letters);
                }
                soft.assertAll();
                System.out.println("Bad-input corpus: " + corpus.inputs().size()
                        + " inputs, rejected by format and reason " + reasons);

                // the dead-letter store holds each input, whole (or cut to its limit), with its reason
                List<DeadLetter> stored = deadLetters.list();
                assertThat(stored).hasSize(corpus.inputs().size());
                assertThat(stored).extracting(DeadLetter::id).containsExactlyInAnyOrderElementsOf(byLetter.keySet());
                for (DeadLetter letter : stored) {
                    BadInput in = byLetter.get(letter.id());
                    byte[] expected =
                            in.huge() ? Arrays.copyOf(in.payload(), DeadLetterStore.MAX_PAYLOAD) : in.payload();
                    assertThat(Arrays.equals(letter.envelope().payload(), expected))
                            .as(in + ": payload kept")
                            .isTrue();
                    assertThat(letter.truncated()).as(in + ": truncated").isEqualTo(in.huge());
                    assertThat(letter.envelope().format()).isEqualTo(in.format());
                    assertThat(letter.envelope().messageId()).isEqualTo(in.name());
                    assertThat(in.expected()).as(in.name()).contains(letter.reason());
                    assertThat(letter.detail()).isNotBlank();
                    keyTexts.forEach(k -> assertThat(letter.detail()).doesNotContain(k));
                }

                // nothing was written: no observation, not a quad more than the meters' descriptions
                assertThat(store.ask(OBSERVATIONS)).isFalse();
                assertThat(size(store)).isEqualTo(registered);

                // and good inputs of every format still go through
                for (GoodInput good : corpus.valid()) {
                    Outcome o = pipeline.accept(
                            new Envelope(good.format(), "corpus", "gw-corpus", good.name(), NOW, good.payload(), null));
                    assertThat(o.rejections()).as(good.name()).isEmpty();
                    assertThat(o.accepted()).as(good.name()).isEqualTo(good.readings());
                }
                assertThat(store.ask(OBSERVATIONS)).isTrue();
                assertThat(value(store, "waterVolume")).containsExactly("123.789");
                assertThat(value(store, "roomTemperature")).containsExactly("20.5");
                assertThat(value(store, "electricityAveragePower")).containsExactlyInAnyOrder("540", "610");
                assertThat(value(store, "electricityEnergyWithdrawn")).containsExactly("12345.999");
                assertThat(deadLetters.size()).isEqualTo(corpus.inputs().size());
            }
        }
    }

    private static long size(QuadStore store) {
        return store.statistics().values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> value(QuadStore store, String quantity) {
        return store
                .select("SELECT ?v WHERE { GRAPH ?g { ?o <http://www.w3.org/ns/sosa/observedProperty> "
                        + "<https://w3id.org/vivacite/ontology#" + quantity + "> ;"
                        + " <http://www.w3.org/ns/sosa/hasSimpleResult> ?v } }")
                .rows()
                .stream()
                .map(r -> new java.math.BigDecimal(r.get("v").getLiteralLexicalForm())
                        .stripTrailingZeros()
                        .toPlainString()
                        .toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
