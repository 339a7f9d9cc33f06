package org.vivacite.app.personal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ingest.mapping.ObservationMapper;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.portal.RolesApi;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.portal.manager.BuildingData;
import org.vivacite.portal.manager.BuildingFacts;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * Building managers and officials over the server's stores (docs/identity.md): the managers'
 * assignments and what they read of their buildings, every read of a dwelling in its household's
 * access log (the one the rights API shows). Officials read the open data's release folders. The portal's controllers serve them
 * under the identity chain ({@link RolesApi}).
 */
@Configuration
@Import(RolesApi.class)
class RolesConfiguration {

    @Bean
    BuildingAssignments buildingAssignments(@PrivateStore QuadStore store, ObservationMapper mapper, Clock clock) {
        return new BuildingAssignments(store, mapper.base(), clock);
    }

    @Bean
    BuildingData buildingData(
            @PrivateStore QuadStore store,
            BuildingAssignments assignments,
            IngestPipeline pipeline,
            StoreEnrolments enrolments,
            AccessLog accessLog,
            ObservationMapper mapper,
            Clock clock) {
        return new BuildingData(
                store,
                assignments,
                pipeline.consents(),
                enrolments,
                accessLog,
                mapper.quantities(),
                mapper.base(),
                IngestParts.ZONE,
                clock);
    }

    /** What the public territory says of a building (its use, its floor area), for the tertiary-sector decree. */
    @Bean
    BuildingFacts buildingFacts(@PublicStore QuadStore store, GraphNames graphs, ObservationMapper mapper) {
        return BuildingFacts.territory(store, graphs.territory(), mapper.base());
    }
}
