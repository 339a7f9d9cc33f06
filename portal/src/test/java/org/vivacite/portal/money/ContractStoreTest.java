package org.vivacite.portal.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.vivacite.portal.personal.PersonalData.Point;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The contracts households give, kept in a real LMDB store's consent graph: one per person and
 * dwelling, a new one replacing it, never read for another person, exported and erased with their
 * records; the billing prices a dwelling with a contract at its option, the others at the
 * configured one; a contract given wrong is refused naming the field.
 */
class ContractStoreTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String A = BASE + "dwelling/aaaa";
    private static final String B = BASE + "dwelling/bbbb";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    QuadStore store;
    ContractStore contracts;

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        contracts = new ContractStore(
                store, BASE, BASE + "graph/consents", Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), PARIS));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aContractIsKeptPerPersonAndDwellingAndANewOneReplacesIt() {
        assertThat(contracts.of("alice", A)).isEmpty();
        contracts.set("alice", A, Tariffs.Contract.parse("hphc", "01:00-07:00, 12:30-14:30"));
        Tariffs.Contract c = contracts.of("alice", A).orElseThrow();
        assertThat(c.option()).isEqualTo(Tariffs.Option.HPHC);
        assertThat(c.offPeakHours()).isEqualTo("01:00-07:00, 12:30-14:30");
        assertThat(contracts.of("bob", A)).as("another person's").isEmpty();
        assertThat(contracts.of("alice", B)).as("another dwelling's").isEmpty();

        contracts.set("alice", A, Tariffs.Contract.parse("tempo", null));
        assertThat(contracts.of("alice", A).orElseThrow().option()).isEqualTo(Tariffs.Option.TEMPO);
        assertThat(contracts.export("alice", List.of(A)).size())
                .as("one contract: type ×2, identifier, account, dwelling, option, time")
                .isEqualTo(7);
        assertThat(contracts.export("alice", List.of(B)).isEmpty()).isTrue();

        assertThat(contracts.erase("alice", A)).isEqualTo(1);
        assertThat(contracts.of("alice", A)).isEmpty();
    }

    @Test
    void theBillingPricesADwellingAtTheContractItsHouseholdGave() {
        contracts.set("alice", A, Tariffs.Contract.parse("hphc", "22:00-06:00"));
        Billing billing =
                new Billing(new Tariffs(MoneyProperties.defaults(), new DefaultResourceLoader()), PARIS, contracts);
        Instant night = LocalDateTime.parse("2026-09-10T23:00").atZone(PARIS).toInstant();
        List<Point> points = List.of(new Point(night, night.plus(Duration.ofHours(1)), BigDecimal.ONE));
        Instant from = night.minus(Duration.ofHours(23));
        Instant to = from.plus(Duration.ofDays(1));

        Bill mine = billing.bill(A, "electricity", "kWh", points, from, to, billing.contract("alice", A));
        assertThat(mine.option()).isEqualTo("hphc");
        assertThat(mine.lines()).anyMatch(l -> "hc".equals(l.period()));
        Bill configured = billing.bill(B, "electricity", "kWh", points, from, to, billing.contract("alice", B));
        assertThat(configured.option()).as("the configuration's").isEqualTo("base");
        // 1 kWh off-peak at 0.1589 € rather than the base price: the energy line differs
        assertThat(billing.euros("alice", A, "electricity", points, from, to))
                .isNotEqualByComparingTo(billing.euros("alice", B, "electricity", points, from, to));
    }

    @Test
    void aContractGivenWrongIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Tariffs.Contract.parse("weekend", null))
                .isInstanceOf(MoneyException.class)
                .hasMessage("option: 'weekend' is none of base, hphc, tempo");
        assertThatThrownBy(() -> Tariffs.Contract.parse("hphc", " "))
                .isInstanceOf(MoneyException.class)
                .hasMessageStartingWith("offPeakHours: the off-peak hours of the peak/off-peak option are missing");
        assertThatThrownBy(() -> Tariffs.Contract.parse("hphc", "22h-6h"))
                .isInstanceOf(MoneyException.class)
                .hasMessage("offPeakHours: '22h-6h' is not HH:mm-HH:mm");
        assertThatThrownBy(() -> Tariffs.Contract.parse("hphc", "22:00-05:00"))
                .isInstanceOf(MoneyException.class)
                .hasMessage("offPeakHours: '22:00-05:00' make 7 h 0 min; a delivery point has 8 off-peak hours a day");
        assertThat(Tariffs.Contract.parse("tempo", "01:00-02:00").offPeak())
                .as("Tempo's off-peak hours are always 22:00-06:00")
                .containsExactly(Tariffs.TEMPO_OFF_PEAK);
    }
}
