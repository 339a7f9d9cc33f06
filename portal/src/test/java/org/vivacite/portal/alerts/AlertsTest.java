package org.vivacite.portal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.vivacite.portal.targets.Household;
import org.vivacite.portal.targets.TargetStore;
import org.vivacite.portal.targets.Targets;

/**
 * The alert dispatch with a real SMTP server in the test (GreenMail, on a free port) and real
 * targets over a real private store: each alert is e-mailed once, in French and English, to the
 * person's address; without a mail server nothing is sent and nothing is marked sent.
 */
class AlertsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;

    Household home;
    AlertRecords records;
    Targets targets;
    Map<String, String> accountEmails = new java.util.HashMap<>();

    @BeforeEach
    void open() {
        home = new Household(dir, LocalDateTime.of(2026, 3, 11, 12, 0));
        home.electricity(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10), "10");
        TargetStore store = new TargetStore(home.store, Household.BASE, home.consents.graph(), home.clock);
        records = new AlertRecords(home.store, Household.BASE, home.consents.graph(), home.clock);
        targets = new Targets(store, home.data, home.enrolments, null);
    }

    @AfterEach
    void close() {
        home.close();
    }

    private Alerts alerts(boolean withMail) {
        JavaMailSenderImpl mail = null;
        if (withMail) {
            mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(smtp.getSmtp().getPort());
        }
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/targets");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Alerts(
                List.of(targets),
                () -> home.enrolments.subjects(home.clock.instant()),
                records,
                subject -> Optional.ofNullable(accountEmails.get(subject)),
                mail,
                messages,
                new AlertsProperties(
                        java.time.Duration.ofMinutes(15), "vivacite@city.example", "https://city.example/me/targets"),
                home.clock);
    }

    @Test
    void eachAlertIsEmailedOnceToThePersonsAddress() throws Exception {
        var crossed = targets.add("alice", null, "electricity", "month", "amount", "90");
        records.setAddress("alice", "alice@example.org", "person");
        Alerts alerts = alerts(true);

        assertThat(alerts.current("alice"))
                .singleElement()
                .satisfies(s -> assertThat(s.mailed()).isFalse());
        assertThat(alerts.dispatch()).isEqualTo(1);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("alice@example.org");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("vivacite@city.example");
        assertThat(received[0].getSubject()).isEqualTo("VivaCité : 1 alerte(s) / VivaCité: 1 alert(s)");
        assertThat(received[0].getContent().toString())
                .contains("Électricité : plafond de 90 kWh dépassé, 100 kWh consommés (2026-03).")
                .contains("Electricity: ceiling of 90 kWh crossed, 100 kWh used (2026-03).")
                .contains("https://city.example/me/targets");
        assertThat(alerts.current("alice"))
                .singleElement()
                .satisfies(s -> assertThat(s.mailed()).isTrue());

        // the same alert found again is not sent again
        assertThat(alerts.dispatch()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // a new one is, alone
        var forecast = targets.add("alice", null, "electricity", "month", "amount", "300");
        assertThat(alerts.dispatch()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[1].getContent().toString())
                .contains("à ce rythme, 310 kWh pour un plafond de 300 kWh")
                .doesNotContain("plafond de 90 kWh");
        assertThat(records.sent("alice", "target/" + crossed.id() + "/2026-03/crossed"))
                .isTrue();
        assertThat(records.sent("alice", "target/" + forecast.id() + "/2026-03/forecast"))
                .isTrue();
        assertThat(records.sent("bob", "target/" + crossed.id() + "/2026-03/crossed"))
                .isFalse();
    }

    @Test
    void withoutAMailServerOrAnAddressNothingIsSentNorMarkedSent() throws Exception {
        targets.add("alice", null, "electricity", "month", "amount", "90");

        assertThat(alerts(false).dispatch()).isZero(); // no server
        assertThat(alerts(true).dispatch()).isZero(); // no address
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(alerts(true).current("alice"))
                .singleElement()
                .satisfies(s -> assertThat(s.mailed()).isFalse());

        // the account's address, once it has one
        accountEmails.put("alice", "alice.account@example.org");
        assertThat(alerts(true).dispatch()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("alice.account@example.org");
    }

    @Test
    void theAddressTheyTypedComesFirstThenTheAccountsThenTheProviders() {
        Alerts alerts = alerts(true);
        assertThat(alerts.address("alice")).isEmpty();
        records.setAddress("alice", "from.provider@example.org", "provider");
        assertThat(alerts.address("alice")).contains("from.provider@example.org");
        accountEmails.put("alice", "alice.account@example.org");
        assertThat(alerts.address("alice")).contains("alice.account@example.org");
        records.setAddress("alice", "typed@example.org", "person");
        assertThat(alerts.address("alice")).contains("typed@example.org");
        assertThat(alerts.address("bob")).isEmpty();

        assertThatThrownBy(() -> records.setAddress("alice", "not an address", "person"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> records.setAddress("alice", "a@b> <http://x", "person"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(alerts.address("alice")).contains("typed@example.org");
    }

    @Test
    void theRightsReachTheAlertsSentAndTheAddress() {
        var t = targets.add("alice", null, "electricity", "month", "amount", "90");
        records.setAddress("alice", "alice@example.org", "person");
        alerts(true).dispatch();

        var exported = records.export("alice", List.of(Household.ALICE));
        assertThat(exported.contains(
                        Node.ANY,
                        NodeFactory.createURI(AlertRecords.VCARD + "hasEmail"),
                        NodeFactory.createURI("mailto:alice@example.org")))
                .isTrue();
        assertThat(exported.contains(
                        Node.ANY,
                        org.apache.jena.vocabulary.DCTerms.identifier.asNode(),
                        NodeFactory.createLiteralString("target/" + t.id() + "/2026-03/crossed")))
                .isTrue();
        assertThat(records.export("bob", List.of(Household.BOB)).isEmpty()).isTrue();

        assertThat(records.erase("alice", Household.ALICE)).isEqualTo(2); // the alert sent and the address
        assertThat(records.address("alice")).isEmpty();
        assertThat(records.sent("alice", "target/" + t.id() + "/2026-03/crossed"))
                .isFalse();
    }
}
