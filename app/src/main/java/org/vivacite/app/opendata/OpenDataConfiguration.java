package org.vivacite.app.opendata;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.opendata.DegreeDays;
import org.vivacite.opendata.OpenDataWeb;
import org.vivacite.opendata.aggregate.AggregationViews;
import org.vivacite.opendata.catalog.Catalog;
import org.vivacite.opendata.catalog.CatalogSettings;
import org.vivacite.opendata.release.Publisher;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.load.Weather;
import org.vivacite.triplestore.QuadStore;

/**
 * Open-data releases: the release folders under {@code {data}/open-data} (their private audit
 * records under {@code {data}/releases}), the catalogue's
 * settings, and the publisher over the two stores; {@link OpenDataWeb} serves {@code /catalog} and
 * {@code /open-data/…}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpenDataProperties.class)
@Import(OpenDataWeb.class)
public class OpenDataConfiguration {

    @Bean
    ReleaseFolders releaseFolders(VivaciteProperties app) {
        return folders(app.data());
    }

    /** The release folders of a data directory: {@code {data}/open-data}, audit records in {@code {data}/releases}. */
    public static ReleaseFolders folders(Path data) {
        return ReleaseFolders.of(data);
    }

    @Bean
    CatalogSettings catalogSettings(VivaciteProperties app, OpenDataProperties settings) {
        return catalogSettings(app.baseIri(), settings);
    }

    /** The defaults for Grenoble-Alpes Métropole, with what {@code vivacite.open-data.*} overrides. */
    public static CatalogSettings catalogSettings(String base, OpenDataProperties settings) {
        return CatalogSettings.defaults(base)
                .with(settings.contactEmail(), settings.licence(), settings.licenceTitle());
    }

    @Bean
    Publisher publisher(
            VivaciteProperties app,
            OpenDataProperties settings,
            CatalogSettings catalog,
            ReleaseFolders folders,
            @PrivateStore QuadStore privateStore,
            @PublicStore QuadStore publicStore,
            ObjectProvider<DemoCity> demo) {
        return publisher(
                app.baseIri(),
                app.data(),
                settings,
                catalog,
                folders,
                privateStore,
                publicStore,
                demo.getIfAvailable());
    }

    /** The degree-days the open data and the citizen's history divide heating by. */
    @Bean
    DegreeDays degreeDays(VivaciteProperties app, OpenDataProperties settings, ObjectProvider<DemoCity> demo) {
        return degreeDays(app.data(), settings, demo.getIfAvailable());
    }

    /** The publisher of a data directory's stores; {@code demo} gives the degree-days of its weather, if not null. */
    public static Publisher publisher(
            String base,
            Path data,
            OpenDataProperties settings,
            CatalogSettings catalog,
            ReleaseFolders folders,
            QuadStore privateStore,
            QuadStore publicStore,
            DemoCity demo) {
        AggregationViews views = new AggregationViews(
                privateStore,
                new AggregationViews.Settings(
                        base, IngestParts.ZONE, settings.gasCalorificValue(), degreeDays(data, settings, demo)));
        return new Publisher(
                views,
                publicStore,
                folders,
                new Catalog(catalog),
                new Publisher.Settings(base, IngestParts.ZONE, settings.rules().disclosureRules(), catalog.licence()),
                Clock.system(IngestParts.ZONE));
    }

    /**
     * Degree-days: the configured file; else {@code {data}/degree-days.csv} if there is one; else the
     * demo city's own weather with {@code --demo}; else none.
     */
    static DegreeDays degreeDays(Path data, OpenDataProperties settings, DemoCity demo) {
        if (settings.degreeDays() != null) {
            return DegreeDays.csv(settings.degreeDays());
        }
        Path file = data.resolve("degree-days.csv");
        if (Files.isRegularFile(file)) {
            return DegreeDays.csv(file);
        }
        if (demo != null) {
            Weather weather = new Weather(demo.seed());
            return day -> Optional.of(
                    BigDecimal.valueOf(weather.degreeDays(day)).setScale(2, java.math.RoundingMode.HALF_EVEN));
        }
        return DegreeDays.NONE;
    }
}
