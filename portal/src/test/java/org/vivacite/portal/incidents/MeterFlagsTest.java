package org.vivacite.portal.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.alerts.Alert;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The alarms a water meter reports of itself, on the incidents of a person's dwelling and as their
 * alert, over a real LMDB private store holding readings shaped as the ingest pipeline writes them:
 * a Kamstrup meter's daily register, a leak it reports from the 5th (saying on the 9th it has
 * lasted 2 days at least), a backflow it reported once on the 2nd; a burst reported on the 1st,
 * before the person moved in on the 2nd (the household before's), and a neighbour's leak. Read
 * through {@link PersonalData} only.
 */
class MeterFlagsTest {

    private static final String BASE = "http://localhost:8080/";
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final String A = BASE + "dwelling/aaaa";
    private static final String METER = BASE + "meter/kam";

    @TempDir
    Path dir;

    QuadStore store;
    Incidents incidents;

    private static LocalDate day(int d) {
        return LocalDate.of(2026, 3, d);
    }

    private static Instant midnight(int d) {
        return day(d).atStartOfDay(ZONE).toInstant();
    }

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        Clock clock = Clock.fixed(midnight(10).plus(Duration.ofHours(12)), ZoneOffset.UTC);
        List<Quad> quads = new ArrayList<>();
        meter(quads, "aaaa", "kam");
        meter(quads, "bbbb", "other");
        for (int d = 1; d <= 9; d++) {
            reading(quads, "aaaa", "kam", "waterVolume", midnight(d), new BigDecimal(100 + d));
            reading(quads, "bbbb", "other", "waterVolume", midnight(d), new BigDecimal(200 + d));
        }
        reading(quads, "aaaa", "kam", "waterMeterBurstAlarm", midnight(1), BigDecimal.ZERO);
        reading(quads, "aaaa", "kam", "waterMeterBackflowAlarm", midnight(2), BigDecimal.ONE);
        for (int d = 5; d <= 9; d++) {
            reading(quads, "aaaa", "kam", "waterMeterLeakAlarm", midnight(d), new BigDecimal(d < 7 ? 9 : 48));
            reading(quads, "bbbb", "other", "waterMeterLeakAlarm", midnight(d), new BigDecimal(528));
        }
        store.add(quads);
        StoreEnrolments enrolments = new StoreEnrolments(store, BASE, clock);
        enrolments.redeem(
                "alice",
                enrolments
                        .generate(List.of(A), Duration.ofDays(1), midnight(2))
                        .get(0)
                        .code());
        Consents consents = new Consents(store, BASE, clock, new FinerData(store, QuantityRegistry.standard(), ZONE));
        PersonalData data = new PersonalData(store, enrolments, consents, QuantityRegistry.standard(), ZONE, clock);
        incidents = new Incidents(data, IncidentsProperties.defaults());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theMetersOwnLeakIsAnOngoingFlagSinceItsFirstReportAndItsBackflowAPastOne() {
        Incidents.Report report = incidents
                .reports("alice", midnight(10).plus(Duration.ofHours(12)))
                .get(0);
        assertThat(report.dwelling()).isEqualTo(A);
        assertThat(report.flags())
                .extracting(MeterFlag::kind, MeterFlag::current, MeterFlag::first, MeterFlag::last, MeterFlag::since)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("leak", true, midnight(5), midnight(9), midnight(5)),
                        org.assertj.core.groups.Tuple.tuple(
                                "backflow",
                                false,
                                midnight(2),
                                midnight(2),
                                midnight(2).minusSeconds(3600)));
        MeterFlag leak = report.flags().get(0);
        assertThat(leak.meter()).isEqualTo(METER);
        assertThat(leak.hours()).isEqualByComparingTo("48");
        assertThat(leak.inDays()).isTrue();
        assertThat(leak.duration()).isEqualTo(2);
        // no rule could find this leak (daily data only): the page says what to do after the meter's
        assertThat(report.advise(leak)).isTrue();
        assertThat(report.advise(report.flags().get(1))).isFalse();
    }

    @Test
    void anOngoingFlagIsTheCitizensAlertWhoseTextSaysSinceWhen() {
        List<Alert> alerts = incidents.alerts("alice", midnight(10).plus(Duration.ofHours(12)));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("incidents/meter-leak/" + A);
            assertThat(a.kind()).isEqualTo("meter-flag");
            assertThat(a.dwelling()).isEqualTo(A);
            assertThat(a.since()).isEqualTo(midnight(5));
            assertThat(a.arguments()).containsExactly("2026-03-05", "2026-03-09");
        });
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/incidents");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Alert a = alerts.get(0);
        assertThat(messages.getMessage(a.messageKey(), a.arguments().toArray(), Locale.FRENCH))
                .startsWith("Votre compteur d’eau signale une fuite")
                .contains("2026-03-05");
        assertThat(messages.getMessage(a.messageKey(), a.arguments().toArray(), Locale.ENGLISH))
                .startsWith("Your water meter reports a leak")
                .contains("2026-03-09");
    }

    @Test
    void aLaterReadingWithoutTheAlarmEndsItAndItsAlert() {
        List<Quad> later = new ArrayList<>();
        reading(later, "aaaa", "kam", "waterVolume", midnight(10), new BigDecimal("110"));
        store.add(later);
        Instant now = midnight(10).plus(Duration.ofHours(12));
        assertThat(incidents.reports("alice", now).get(0).flags())
                .extracting(MeterFlag::kind, MeterFlag::current)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("leak", false),
                        org.assertj.core.groups.Tuple.tuple("backflow", false));
        assertThat(incidents.alerts("alice", now)).isEmpty();
    }

    @Test
    void nobodyElsesAlarmsAreRead() {
        assertThat(incidents.reports("bob", midnight(10))).isEmpty();
        assertThat(incidents.alerts("bob", midnight(10))).isEmpty();
    }

    private static void meter(List<Quad> out, String dwelling, String meter) {
        Node g = iri(BASE + "graph/private/" + dwelling);
        Node d = iri(BASE + "dwelling/" + dwelling);
        Node m = iri(BASE + "meter/" + meter);
        out.add(new Quad(g, d, RDF.type.asNode(), iri(Namespaces.VC + "Dwelling")));
        out.add(new Quad(g, m, RDF.type.asNode(), iri(Namespaces.S4WATR + "WaterMeter")));
        out.add(new Quad(g, m, iri(Namespaces.SOSA + "observes"), iri(Namespaces.VC + "waterVolume")));
        out.add(new Quad(g, m, iri(Namespaces.S4BLDG + "isContainedIn"), d));
    }

    /** An instantaneous reading, as ObservationMapper writes it. */
    private static void reading(
            List<Quad> out, String dwelling, String meter, String quantity, Instant t, BigDecimal value) {
        Node g = iri(BASE + "graph/private/" + dwelling);
        Node o = iri(BASE + "obs/" + meter + "/" + quantity + "/" + t);
        out.add(new Quad(g, o, RDF.type.asNode(), iri(Namespaces.SOSA + "Observation")));
        out.add(new Quad(g, o, iri(Namespaces.SOSA + "madeBySensor"), iri(BASE + "meter/" + meter)));
        out.add(new Quad(g, o, iri(Namespaces.SOSA + "observedProperty"), iri(Namespaces.VC + quantity)));
        out.add(new Quad(g, o, iri(Namespaces.SOSA + "hasFeatureOfInterest"), iri(BASE + "dwelling/" + dwelling)));
        out.add(new Quad(
                g,
                o,
                iri(Namespaces.SOSA + "hasSimpleResult"),
                NodeFactory.createLiteralDT(value.toPlainString(), XSDDatatype.XSDdecimal)));
        out.add(new Quad(
                g,
                o,
                iri(Namespaces.SOSA + "resultTime"),
                NodeFactory.createLiteralDT(
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(ZONE)), XSDDatatype.XSDdateTime)));
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }
}
