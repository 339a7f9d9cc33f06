package org.vivacite.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.ReleaseSummary.DownloadFile;

class CatalogSettingsTest {

    @Test
    void defaultsEndTheBaseWithASlash() {
        CatalogSettings s = CatalogSettings.defaults("https://data.example");

        assertThat(s.base()).isEqualTo("https://data.example/");
        assertThat(s.spatial()).isEqualTo("https://data.example/id/metropolis/200040715");
        assertThat(s.licence()).isEqualTo(CatalogSettings.ETALAB_2_0);
    }

    @Test
    void aDeploymentSetsItsContactAndLicenceAndKeepsTheRest() {
        CatalogSettings d = CatalogSettings.defaults("http://localhost:8080/");

        CatalogSettings s = d.with("opendata@example.org", "https://creativecommons.org/licenses/by/4.0/", "CC BY 4.0");
        assertThat(s.contactEmail()).isEqualTo("opendata@example.org");
        assertThat(s.licence()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(s.licenceTitle()).isEqualTo("CC BY 4.0");
        assertThat(s.titleFr()).isEqualTo(d.titleFr());
        assertThat(s.spatialBbox()).isEqualTo(d.spatialBbox());
        assertThat(d.with(null, null, null)).isEqualTo(d);
        assertThatThrownBy(() -> d.with("mailto:opendata@example.org", null, null))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("'mailto:opendata@example.org'");
    }

    @Test
    void anUnknownThemeIsRefusedByName() {
        CatalogSettings d = CatalogSettings.defaults("http://localhost:8080/");

        assertThatThrownBy(() -> new CatalogSettings(
                        d.base(),
                        d.titleFr(),
                        d.titleEn(),
                        d.descriptionFr(),
                        d.descriptionEn(),
                        d.publisherName(),
                        d.publisherIri(),
                        d.contactName(),
                        d.contactEmail(),
                        d.licence(),
                        d.licenceTitle(),
                        d.spatial(),
                        d.spatialBbox(),
                        d.spatialCentroid(),
                        List.of("ENERGY"),
                        d.keywordsFr(),
                        d.keywordsEn(),
                        d.homepage(),
                        d.issued()))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("'ENERGY'");
    }

    @Test
    void aFileOfUnknownMediaTypeIsRefusedByName() {
        ReleaseSummary r = Releases.several().get(0);
        ReleaseSummary odd = new ReleaseSummary(
                r.dataset(),
                r.id(),
                r.issued(),
                r.coverageStart(),
                r.coverageEnd(),
                r.cells(),
                r.published(),
                r.levels(),
                List.of(new DownloadFile("cells.xlsx", "application/vnd.ms-excel", 1, "0".repeat(64))));
        Catalog catalog = new Catalog(CatalogSettings.defaults(Releases.BASE));

        assertThatThrownBy(() -> catalog.model(List.of(odd)))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("cells.xlsx")
                .hasMessageContaining("application/vnd.ms-excel");
    }
}
