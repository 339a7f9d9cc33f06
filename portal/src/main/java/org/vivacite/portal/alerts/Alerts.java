package org.vivacite.portal.alerts;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * A person's alerts, from every {@link AlertSource}, for the pages ({@link #current}) and by
 * e-mail ({@link #dispatch}, which the application runs every {@code vivacite.portal.alerts.period}):
 * each alert is e-mailed once to the person's alert address, in French and English, through SMTP
 * ({@code spring.mail.*}); without a mail server configured, nothing is sent (said once in the log)
 * and the alerts stay in the portal. The address is the one the person set on the targets page,
 * else their account's ({@code vivacite accounts add --email}), else the {@code email} claim of
 * their identity provider seen at their last visit of the targets page.
 */
public final class Alerts {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final List<AlertSource> sources;
    private final Supplier<Collection<String>> people;
    private final AlertRecords records;
    private final Function<String, Optional<String>> accountEmail;
    private final JavaMailSender mail;
    private final MessageSource messages;
    private final AlertsProperties properties;
    private final Clock clock;
    private boolean saidNoMail;

    /**
     * @param people the subjects of the people enrolled in a dwelling now
     * @param accountEmail an account's e-mail address, if it has one
     * @param mail the SMTP sender; null when {@code spring.mail.host} is not set
     */
    public Alerts(
            List<AlertSource> sources,
            Supplier<Collection<String>> people,
            AlertRecords records,
            Function<String, Optional<String>> accountEmail,
            JavaMailSender mail,
            MessageSource messages,
            AlertsProperties properties,
            Clock clock) {
        this.sources = List.copyOf(sources);
        this.people = people;
        this.records = records;
        this.accountEmail = accountEmail;
        this.mail = mail;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    /** An alert, and whether it was e-mailed to the person already. */
    public record Shown(Alert alert, boolean mailed) {}

    /** The person's alerts now, from every source, latest first. */
    public List<Shown> current(String subject) {
        return alerts(subject, clock.instant()).stream()
                .map(a -> new Shown(a, records.sent(subject, a.id())))
                .toList();
    }

    private List<Alert> alerts(String subject, Instant now) {
        List<Alert> out = new ArrayList<>();
        for (AlertSource s : sources) {
            try {
                out.addAll(s.alerts(subject, now));
            } catch (RuntimeException e) {
                log.warn("Alerts of {} passed over for now: {}", s.getClass().getSimpleName(), e.getMessage());
            }
        }
        out.sort(Comparator.comparing(Alert::since, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    /** Where the person's alerts go: the address they set, else their account's, else their provider's claim. */
    public Optional<String> address(String subject) {
        Optional<AlertRecords.Address> set = records.address(subject);
        if (set.isPresent() && set.get().source().equals("person")) {
            return Optional.of(set.get().email());
        }
        return accountEmail.apply(subject).or(() -> set.map(AlertRecords.Address::email));
    }

    /**
     * E-mails every enrolled person the alerts not sent to them yet, one message per person, and
     * notes them sent. A person without an address, or a message the server refuses, is tried again
     * at the next run.
     *
     * @return how many alerts were sent
     */
    public int dispatch() {
        if (mail == null) {
            if (!saidNoMail) {
                log.info("Alerts are shown in the portal but not e-mailed: no mail server (spring.mail.host) is set");
                saidNoMail = true;
            }
            return 0;
        }
        Instant now = clock.instant();
        int sent = 0;
        for (String subject : people.get()) {
            List<Alert> fresh = alerts(subject, now).stream()
                    .filter(a -> !records.sent(subject, a.id()))
                    .toList();
            Optional<String> to = fresh.isEmpty() ? Optional.empty() : address(subject);
            if (to.isEmpty()) {
                continue;
            }
            try {
                mail.send(message(to.get(), fresh));
            } catch (MailException | MessagingException e) {
                log.warn("Alerts not e-mailed for now (tried again at the next run): {}", e.getMessage());
                continue;
            }
            fresh.forEach(a -> records.markSent(subject, a));
            sent += fresh.size();
        }
        return sent;
    }

    private MimeMessage message(String to, List<Alert> alerts) throws MessagingException {
        MimeMessage m = mail.createMimeMessage();
        MimeMessageHelper h = new MimeMessageHelper(m, false, "UTF-8");
        h.setFrom(properties.from());
        h.setTo(to);
        h.setSubject(text("alerts.mail.subject", List.of(Integer.toString(alerts.size())), Locale.FRENCH) + " / "
                + text("alerts.mail.subject", List.of(Integer.toString(alerts.size())), Locale.ENGLISH));
        StringBuilder body = new StringBuilder();
        for (Locale l : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            body.append(text("alerts.mail.intro", List.of(), l)).append("\n\n");
            for (Alert a : alerts) {
                body.append("- ").append(text(a.messageKey(), a.arguments(), l)).append('\n');
            }
            body.append('\n')
                    .append(text("alerts.mail.more", List.of(properties.pageUrl()), l))
                    .append("\n\n");
        }
        h.setText(body.toString().strip() + "\n");
        return m;
    }

    private String text(String key, List<String> arguments, Locale locale) {
        return messages.getMessage(key, arguments.toArray(), key, locale);
    }
}
