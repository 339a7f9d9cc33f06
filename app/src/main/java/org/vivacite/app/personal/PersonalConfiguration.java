package org.vivacite.app.personal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.portal.PersonalApi;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.consent.ReceiptProperties;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.money.MoneyConfiguration;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.portal.rights.DwellingFacts;
import org.vivacite.portal.rights.Erasure;
import org.vivacite.portal.rights.PersonalExport;
import org.vivacite.portal.rights.PersonalRecords;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.rollup.MeterDayRollups;

/**
 * The personal API over the server's private store (docs/consent.md, docs/rights.md): enrolments
 * (the {@code Enrolments} that {@code /api/me} reads), the consents the ingest pipeline's gate
 * reads, signed receipts, the person's meters and consumption, and their rights: export, erasure,
 * rectification and the access log, which reach the records other areas keep ({@link PersonalRecords}). The portal's controllers serve them under the identity chain
 * ({@link PersonalApi}).
 */
@Configuration
@Import({PersonalApi.class, MoneyConfiguration.class})
public class PersonalConfiguration {

    /** The time of enrolments, consents and rights requests. */
    @Bean
    Clock personalClock() {
        return Clock.systemUTC();
    }

    @Bean
    StoreEnrolments enrolments(@PrivateStore QuadStore store, ObservationMapper mapper, Clock clock) {
        return new StoreEnrolments(store, mapper.base(), clock);
    }

    @Bean
    ConsentReceipts consentReceipts(
            @PrivateStore QuadStore store,
            ObservationMapper mapper,
            IngestPipeline pipeline,
            VivaciteProperties app,
            ReceiptProperties receipts,
            CatalogSettings catalog) {
        return consentReceipts(
                store,
                mapper.base(),
                pipeline.consents().graph(),
                app.data().toAbsolutePath().normalize(),
                receipts,
                catalog);
    }

    /**
     * The receipts of the private store's consents, signed with the key under {@code data}; they name
     * the organisation of the open-data catalogue, unless {@code vivacite.portal.consent-receipts.*}
     * say otherwise. Also for the {@code enrol move-out} command.
     */
    public static ConsentReceipts consentReceipts(
            QuadStore store,
            String base,
            String consentGraph,
            Path data,
            ReceiptProperties receipts,
            CatalogSettings catalog) {
        ConsentReceipts.Controller controller = receipts.controller(new ConsentReceipts.Controller(
                catalog.publisherName(),
                catalog.contactName(),
                Objects.requireNonNullElse(receipts.controllerAddress(), ""),
                catalog.contactEmail(),
                catalog.homepage()));
        return new ConsentReceipts(store, base, consentGraph, data, controller);
    }

    @Bean
    PersonalConsents personalConsents(
            IngestPipeline pipeline, StoreEnrolments enrolments, ConsentReceipts receipts, Clock clock) {
        return new PersonalConsents(pipeline.consents(), enrolments, receipts, clock);
    }

    @Bean
    PersonalData personalData(
            @PrivateStore QuadStore store,
            StoreEnrolments enrolments,
            IngestPipeline pipeline,
            ObservationMapper mapper,
            Clock clock) {
        return new PersonalData(store, enrolments, pipeline.consents(), mapper.quantities(), IngestParts.ZONE, clock);
    }

    @Bean
    AccessLog accessLog(@PrivateStore QuadStore store, ObservationMapper mapper, Clock clock) {
        return new AccessLog(store, mapper.base(), clock);
    }

    @Bean
    PersonalExport personalExport(
            @PrivateStore QuadStore store,
            StoreEnrolments enrolments,
            IngestPipeline pipeline,
            ConsentReceipts receipts,
            AccessLog accessLog,
            ObjectProvider<PersonalRecords> records,
            Clock clock) {
        return new PersonalExport(
                store,
                enrolments,
                pipeline.consents(),
                receipts,
                accessLog,
                IngestParts.ZONE,
                clock,
                records.orderedStream().toList());
    }

    /** Through the private store's rollups, its only writer of readings, so that the city's sums drop too. */
    @Bean
    Erasure erasure(
            @PrivateStore QuadStore store,
            MeterDayRollups privateRollups,
            StoreEnrolments enrolments,
            IngestPipeline pipeline,
            ConsentReceipts receipts,
            DeadLetterStore deadLetters,
            ObservationMapper mapper,
            ObjectProvider<PersonalRecords> records,
            Clock clock) {
        return new Erasure(
                store,
                privateRollups,
                enrolments,
                pipeline.consents(),
                receipts,
                pipeline.letterMeters(),
                deadLetters,
                mapper.base(),
                IngestParts.ZONE,
                clock,
                records.orderedStream().toList());
    }

    @Bean
    DwellingFacts dwellingFacts(@PrivateStore QuadStore store, StoreEnrolments enrolments, Clock clock) {
        return new DwellingFacts(store, enrolments, clock);
    }
}
