package org.vivacite.app.personal;

import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.portal.alerts.AlertRecords;
import org.vivacite.portal.alerts.AlertSource;
import org.vivacite.portal.alerts.Alerts;
import org.vivacite.portal.alerts.AlertsProperties;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.money.ContractStore;
import org.vivacite.portal.money.Prices;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.targets.TargetStore;
import org.vivacite.portal.targets.Targets;
import org.vivacite.triplestore.QuadStore;

/**
 * Targets and alerts (docs/portal.md, "Targets and alerts"): the persons' targets and what the
 * alert dispatch keeps, in the private store's consent graph; the targets page; the dispatch, run
 * every {@code vivacite.portal.alerts.period}, e-mailing through {@code spring.mail.*} when set.
 * The targets use the application's {@link Prices} when it has one.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(AlertsProperties.class)
@ComponentScan(basePackages = "org.vivacite.portal.targets")
public class TargetsConfiguration {

    @Bean
    TargetStore targetStore(
            @PrivateStore QuadStore store, ObservationMapper mapper, IngestPipeline pipeline, Clock clock) {
        return new TargetStore(store, mapper.base(), pipeline.consents().graph(), clock);
    }

    /** The electricity contracts households give on the bill page, priced by the money's {@code Billing}. */
    @Bean
    ContractStore contractStore(
            @PrivateStore QuadStore store, ObservationMapper mapper, IngestPipeline pipeline, Clock clock) {
        return new ContractStore(store, mapper.base(), pipeline.consents().graph(), clock);
    }

    @Bean
    AlertRecords alertRecords(
            @PrivateStore QuadStore store, ObservationMapper mapper, IngestPipeline pipeline, Clock clock) {
        return new AlertRecords(store, mapper.base(), pipeline.consents().graph(), clock);
    }

    @Bean
    Targets targets(TargetStore store, PersonalData data, StoreEnrolments enrolments, ObjectProvider<Prices> prices) {
        return new Targets(store, data, enrolments, prices.getIfAvailable());
    }

    @Bean
    Alerts alerts(
            ObjectProvider<AlertSource> sources,
            StoreEnrolments enrolments,
            AlertRecords records,
            ObjectProvider<Accounts> accounts,
            ObjectProvider<JavaMailSender> mail,
            MessageSource messages,
            AlertsProperties properties,
            VivaciteProperties app,
            Clock clock) {
        Accounts local = accounts.getIfAvailable();
        AlertsProperties settings =
                properties.pageUrl() == null || properties.pageUrl().isBlank()
                        ? new AlertsProperties(properties.period(), properties.from(), app.baseIri() + "me/targets")
                        : properties;
        return new Alerts(
                sources.orderedStream().toList(),
                () -> enrolments.subjects(clock.instant()),
                records,
                subject ->
                        local == null ? Optional.empty() : local.find(subject).map(Accounts.Account::email),
                mail.getIfAvailable(),
                messages,
                settings,
                clock);
    }

    /** The dispatch, every {@code vivacite.portal.alerts.period} (15 minutes unless set), first after one period. */
    @Bean
    AlertJob alertJob(Alerts alerts) {
        return new AlertJob(alerts);
    }

    static final class AlertJob {
        private final Alerts alerts;

        AlertJob(Alerts alerts) {
            this.alerts = alerts;
        }

        @Scheduled(
                fixedDelayString = "${vivacite.portal.alerts.period:PT15M}",
                initialDelayString = "${vivacite.portal.alerts.period:PT15M}")
        void run() {
            alerts.dispatch();
        }
    }
}
