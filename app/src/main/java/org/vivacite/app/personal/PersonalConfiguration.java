package org.vivacite.app.personal;

import java.time.Clock;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.portal.PersonalApi;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.consent.ReceiptProperties;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.triplestore.QuadStore;

/**
 * The personal API over the server's private store (docs/consent.md): enrolments (the {@code
 * Enrolments} that {@code /api/me} reads), the consents the ingest pipeline's gate reads, signed
 * receipts, and the person's meters and consumption. The portal's controllers serve them under the
 * identity chain ({@link PersonalApi}).
 */
@Configuration
@Import(PersonalApi.class)
class PersonalConfiguration {

    @Bean
    StoreEnrolments enrolments(@PrivateStore QuadStore store, ObservationMapper mapper) {
        return new StoreEnrolments(store, mapper.base(), Clock.systemUTC());
    }

    /** Receipts name the organisation of the open-data catalogue, unless {@code vivacite.portal.consent-receipts.*} say otherwise. */
    @Bean
    ConsentReceipts consentReceipts(
            @PrivateStore QuadStore store,
            ObservationMapper mapper,
            IngestPipeline pipeline,
            VivaciteProperties app,
            ReceiptProperties receipts,
            CatalogSettings catalog) {
        ConsentReceipts.Controller controller = receipts.controller(new ConsentReceipts.Controller(
                catalog.publisherName(),
                catalog.contactName(),
                Objects.requireNonNullElse(receipts.controllerAddress(), ""),
                catalog.contactEmail(),
                catalog.homepage()));
        return new ConsentReceipts(
                store,
                mapper.base(),
                pipeline.consents().graph(),
                app.data().toAbsolutePath().normalize(),
                controller);
    }

    @Bean
    PersonalConsents personalConsents(IngestPipeline pipeline, StoreEnrolments enrolments, ConsentReceipts receipts) {
        return new PersonalConsents(pipeline.consents(), enrolments, receipts, Clock.systemUTC());
    }

    @Bean
    PersonalData personalData(
            @PrivateStore QuadStore store,
            StoreEnrolments enrolments,
            IngestPipeline pipeline,
            ObservationMapper mapper) {
        return new PersonalData(
                store, enrolments, pipeline.consents(), mapper.quantities(), IngestParts.ZONE, Clock.systemUTC());
    }
}
