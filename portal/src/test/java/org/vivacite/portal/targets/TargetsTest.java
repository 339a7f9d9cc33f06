package org.vivacite.portal.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.alerts.Alert;

/**
 * Targets over a real private store: kept in the consent graph, read back, removed; their progress
 * and forecast from the household's daily consumption; the alerts they raise. Alice's meter used
 * 10 kWh a day from 1 to 10 March 2026, and it is 11 March, noon: 100 kWh in 10 days of a 31-day
 * month, so 310 kWh forecast.
 */
class TargetsTest {

    @TempDir
    Path dir;

    Household home;
    TargetStore store;
    Targets targets;

    @BeforeEach
    void open() {
        home = new Household(dir, LocalDateTime.of(2026, 3, 11, 12, 0));
        home.electricity(LocalDate.of(2026, 2, 20), LocalDate.of(2026, 3, 10), "10");
        store = new TargetStore(home.store, Household.BASE, home.consents.graph(), home.clock);
        targets = new Targets(store, home.data, home.enrolments, new Household.FixedPrices());
    }

    @AfterEach
    void close() {
        home.close();
    }

    @Test
    void aTargetIsStoredInTheConsentGraphReadBackAndRemoved() {
        Target t = targets.add("alice", "", "Electricity", "month", "amount", "250,5");

        assertThat(store.of("alice")).singleElement().satisfies(read -> {
            assertThat(read.id()).isEqualTo(t.id());
            assertThat(read.dwelling()).isEqualTo(Household.ALICE);
            assertThat(read.fluid()).isEqualTo("electricity");
            assertThat(read.span()).isEqualTo(Target.Span.MONTH);
            assertThat(read.measure()).isEqualTo(Target.Measure.AMOUNT);
            assertThat(read.ceiling()).isEqualByComparingTo("250.5");
        });
        Node target = NodeFactory.createURI(Household.BASE + "target/" + t.id());
        assertThat(home.store
                        .read(home.consents.graph())
                        .contains(
                                target,
                                NodeFactory.createURI(Namespaces.VC + "targetPeriod"),
                                NodeFactory.createURI(Namespaces.TIME + "unitMonth")))
                .isTrue();
        // another person sees none of it and cannot remove it
        assertThat(store.of("bob")).isEmpty();
        assertThat(targets.remove("bob", t.id())).isFalse();
        assertThat(store.of("alice")).hasSize(1);

        assertThat(targets.remove("alice", t.id())).isTrue();
        assertThat(store.of("alice")).isEmpty();
        assertThat(home.store.read(home.consents.graph()).contains(target, Node.ANY, Node.ANY))
                .isFalse();
    }

    @Test
    void progressSumsTheMonthSoFarAndForecastsAtThePace() {
        targets.add("alice", null, "electricity", "month", "amount", "400");
        targets.add("alice", null, "electricity", "year", "euros", "100");

        List<Targets.Progress> progress = targets.progress("alice").stream()
                .sorted(java.util.Comparator.comparing(p -> p.target().span()))
                .toList();

        Targets.Progress month = progress.get(0);
        assertThat(month.used()).isEqualByComparingTo("100"); // 1-10 March, not February's days
        assertThat(month.forecast()).isEqualByComparingTo("310");
        assertThat(month.unit()).isEqualTo("kWh");
        assertThat(month.percent()).isEqualTo(25);
        assertThat(month.share()).isEqualTo(25);
        assertThat(month.crossed()).isFalse();
        assertThat(month.forecastCrossed()).isFalse();
        assertThat(month.period()).isEqualTo("2026-03");
        // the year: 20 February to 10 March, 19 days of 10 kWh at 0.25 €, over the 69 days since 1 January
        Targets.Progress year = progress.get(1);
        assertThat(year.used()).isEqualByComparingTo("47.50");
        assertThat(year.forecast()).isEqualByComparingTo("251.27"); // 47.5 × 365 / 69
        assertThat(year.unit()).isEqualTo("€");
        assertThat(year.forecastCrossed()).isTrue();
        targets.add("alice", null, "electricity", "month", "amount", "40");
        Targets.Progress over = targets.progress("alice").stream()
                .filter(p -> p.target().ceiling().intValue() == 40)
                .findFirst()
                .orElseThrow();
        assertThat(over.share()).isEqualTo(250); // said in the text
        assertThat(over.percent()).isEqualTo(100); // the bar's
        assertThat(over.crossed()).isTrue();
    }

    @Test
    void aCeilingCrossedAndOneForecastToBeCrossedAreAlertsOnceAPeriod() {
        Target crossed = targets.add("alice", null, "electricity", "month", "amount", "90");
        Target forecast = targets.add("alice", null, "electricity", "month", "co2", "12");
        targets.add("alice", null, "electricity", "month", "amount", "400");

        List<Alert> alerts = targets.alerts("alice", home.clock.instant()).stream()
                .sorted(java.util.Comparator.comparing(a -> a.id().endsWith("/crossed") ? 0 : 1))
                .toList();

        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).id()).isEqualTo("target/" + crossed.id() + "/2026-03/crossed");
        assertThat(alerts.get(0).messageKey()).isEqualTo("targets.alert.crossed.electricity");
        assertThat(alerts.get(0).arguments()).containsExactly("90 kWh", "100 kWh", "310 kWh", "2026-03");
        assertThat(alerts.get(0).dwelling()).isEqualTo(Household.ALICE);
        assertThat(alerts.get(0).kind()).isEqualTo("target");
        // 5 kg so far (100 kWh × 0.05), 15.5 forecast: over the 12 kg ceiling by the month's end
        assertThat(alerts.get(1).id()).isEqualTo("target/" + forecast.id() + "/2026-03/forecast");
        assertThat(alerts.get(1).arguments()).containsExactly("12 kg CO2e", "5 kg CO2e", "15.5 kg CO2e", "2026-03");

        // 15 more days cross the second one (250 kWh: 12.5 kg): a new alert, the forecast one is gone
        home.electricity(LocalDate.of(2026, 3, 11), LocalDate.of(2026, 3, 25), "10");
        home.clock.now =
                LocalDateTime.of(2026, 3, 26, 8, 0).atZone(Household.ZONE).toInstant();
        assertThat(targets.alerts("alice", home.clock.instant()))
                .extracting(Alert::id)
                .containsExactlyInAnyOrder(
                        "target/" + crossed.id() + "/2026-03/crossed", "target/" + forecast.id() + "/2026-03/crossed");
        // Bob has no target, no alert
        assertThat(targets.alerts("bob", home.clock.instant())).isEmpty();
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> targets.add("alice", "", "steam", "month", "amount", "10"))
                .isInstanceOfSatisfying(
                        TargetsException.class, e -> assertThat(e.field()).isEqualTo("fluid"))
                .hasMessageContaining("'steam' is none of");
        assertThatThrownBy(() -> targets.add("alice", "", "water", "week", "amount", "10"))
                .isInstanceOfSatisfying(
                        TargetsException.class, e -> assertThat(e.field()).isEqualTo("span"));
        assertThatThrownBy(() -> targets.add("alice", "", "water", "month", "litres", "10"))
                .isInstanceOfSatisfying(
                        TargetsException.class, e -> assertThat(e.field()).isEqualTo("measure"));
        for (String ceiling : List.of("", "ten", "0", "-5", "1.2345", "99999999")) {
            assertThatThrownBy(() -> targets.add("alice", "", "water", "month", "amount", ceiling))
                    .as(ceiling)
                    .isInstanceOfSatisfying(
                            TargetsException.class, e -> assertThat(e.field()).isEqualTo("ceiling"));
        }
        assertThatThrownBy(() -> targets.add("alice", Household.BOB, "water", "month", "amount", "10"))
                .isInstanceOfSatisfying(
                        TargetsException.class, e -> assertThat(e.field()).isEqualTo("dwelling"))
                .hasMessageContaining("not enrolled in " + Household.BOB);
        // without prices, only the fluid's unit
        Targets unpriced = new Targets(store, home.data, home.enrolments, null);
        assertThatThrownBy(() -> unpriced.add("alice", "", "water", "month", "euros", "10"))
                .isInstanceOfSatisfying(
                        TargetsException.class, e -> assertThat(e.field()).isEqualTo("measure"));
        assertThat(store.of("alice")).isEmpty();
    }

    @Test
    void theRightsReachTheTargets() {
        Target t = targets.add("alice", null, "water", "year", "amount", "120");
        targets.add("bob", null, "water", "year", "amount", "80");

        var exported = store.export("alice", List.of(Household.ALICE));
        assertThat(exported.contains(
                        NodeFactory.createURI(Household.BASE + "target/" + t.id()),
                        NodeFactory.createURI(Namespaces.VC + "ceiling"),
                        Node.ANY))
                .isTrue();
        assertThat(exported.find(Node.ANY, NodeFactory.createURI(Namespaces.VC + "targetFor"), Node.ANY)
                        .toList())
                .singleElement()
                .satisfies(x -> assertThat(x.getObject().getURI()).isEqualTo(Household.ALICE));
        assertThat(store.export("alice", List.of())).matches(g -> g.isEmpty());

        assertThat(store.erase("alice", Household.ALICE)).isEqualTo(1);
        assertThat(store.of("alice")).isEmpty();
        assertThat(store.of("bob")).hasSize(1);
    }
}
