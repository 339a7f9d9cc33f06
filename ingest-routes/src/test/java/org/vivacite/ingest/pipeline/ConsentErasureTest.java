package org.vivacite.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;

/** Consents erased for good: gone from the gate and the store; the account's other consents stay its own. */
class ConsentErasureTest {

    private static final String D1 = PipelineFixture.BASE + "dwelling/d1";
    private static final String D2 = PipelineFixture.BASE + "dwelling/d2";

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

    private Consents reopened() {
        return new Consents(
                f.store,
                PipelineFixture.BASE,
                Clock.systemUTC(),
                new FinerData(f.store, QuantityRegistry.standard(), PipelineFixture.ZONE));
    }

    @Test
    void anErasedConsentIsGoneForTheGateAndAfterARestartAndTheAccountsOtherConsentsKeepTheirSubject() {
        Consents consents = f.pipeline.consents();
        Consent first = consents.give("alice", D1, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        Consent other = consents.give("alice", D2, Purpose.FINE_DATA, Duration.ofHours(1), null, null);
        assertThat(consents.step(D1, first.from().plusSeconds(1))).isEqualTo(Duration.ofMinutes(30));

        assertThat(consents.erase(List.of(first.id(), "no-such-id"))).containsExactly(first);

        assertThat(consents.of(List.of(D1))).isEmpty();
        assertThat(consents.step(D1, first.from().plusSeconds(1))).isEqualTo(Duration.ofDays(1));
        Consents after = reopened();
        assertThat(after.of(List.of(D1))).as("after a restart").isEmpty();
        assertThat(after.get(other.id()))
                .hasValueSatisfying(
                        c -> assertThat(c.subject()).as("still alice's").isEqualTo("alice"));
    }
}
