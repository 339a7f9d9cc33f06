package org.vivacite.opendata.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.ReleaseSummary.DownloadFile;

class CatalogControllerTest {

    private final List<ReleaseSummary> releases = Releases.several();
    private final CatalogSettings settings = CatalogSettings.defaults(Releases.BASE);
    private final MockMvc mvc = mvc(releases);

    private MockMvc mvc(List<ReleaseSummary> list) {
        return MockMvcBuilders.standaloneSetup(new CatalogController(() -> list, settings))
                .build();
    }

    private MockHttpServletResponse call(String accept, String format) throws Exception {
        var request = get("/catalog");
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (format != null) {
            request.param("format", format);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static Model parse(MockHttpServletResponse response, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        RDFDataMgr.read(model, new ByteArrayInputStream(response.getContentAsByteArray()), lang);
        return model;
    }

    @Test
    void turtleIsTheCatalogueModel() throws Exception {
        MockHttpServletResponse response = call("text/turtle", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/turtle");
        assertThat(response.getHeader("Vary")).isEqualTo("Accept");
        Model expected = new Catalog(settings).model(releases);
        Model got = parse(response, Lang.TURTLE);
        assertThat(got.isIsomorphicWith(expected)).isTrue();
    }

    @Test
    void noAcceptOrAnyGivesTurtle() throws Exception {
        assertThat(call(null, null).getContentType()).startsWith("text/turtle");
        assertThat(call("*/*", null).getContentType()).startsWith("text/turtle");
    }

    @Test
    void everyRdfFormatParsesToTheSameGraph() throws Exception {
        Model expected = new Catalog(settings).model(releases);
        for (var c : List.of(
                new Object[] {"application/ld+json", Lang.JSONLD},
                new Object[] {"application/rdf+xml", Lang.RDFXML},
                new Object[] {"application/n-triples", Lang.NTRIPLES})) {
            MockHttpServletResponse response = call((String) c[0], null);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentType()).startsWith((String) c[0]);
            assertThat(parse(response, (Lang) c[1]).isIsomorphicWith(expected))
                    .as("%s", c[0])
                    .isTrue();
        }
    }

    @Test
    void formatParameterWinsOverAccept() throws Exception {
        MockHttpServletResponse response = call("text/html", "jsonld");

        assertThat(response.getContentType()).startsWith("application/ld+json");
        assertThat(parse(response, Lang.JSONLD).size()).isPositive();
        assertThat(call(null, "nt").getContentType()).startsWith("application/n-triples");
        assertThat(call(null, "rdf").getContentType()).startsWith("application/rdf+xml");
        assertThat(call(null, "ttl").getContentType()).startsWith("text/turtle");
        assertThat(call(null, "html").getContentType()).startsWith("text/html");
        assertThat(call(null, "xlsx").getStatus()).isEqualTo(400);
    }

    @Test
    void browsersGetAPageWithEveryDownloadLinkNewestFirst() throws Exception {
        MockHttpServletResponse response =
                call("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/html");
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        for (ReleaseSummary r : releases) {
            for (DownloadFile f : r.files()) {
                assertThat(html).contains("href=\"" + r.downloadUrl(Releases.BASE, f.name()) + "\"");
            }
        }
        assertThat(html).contains(Dataset.MONTHLY_BY_COMMUNE.titleFr, Dataset.MONTHLY_BY_COMMUNE.titleEn);
        assertThat(html).contains("href=\"" + Releases.BASE + "sparql\"");
        assertThat(html).contains("123.5 kB");
        String daily = html.substring(html.indexOf("id=\"" + Dataset.DAILY_BY_DISTRICT.id + "\""));
        assertThat(daily.indexOf("2026-11-29T041200Z")).isLessThan(daily.indexOf("2026-09-29T041200Z"));
    }

    @Test
    void pageEscapesText() throws Exception {
        ReleaseSummary odd = new ReleaseSummary(
                Dataset.DAILY_BY_DISTRICT,
                "<script>",
                Instant.parse("2026-11-29T04:12:00Z"),
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 2, 1),
                1,
                1,
                List.of(),
                List.of(new DownloadFile("a\"b<c>.ttl", "text/turtle", 1, "0".repeat(64))));
        String html = mvc(List.of(odd))
                .perform(get("/catalog").param("format", "html"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("<script>", "a\"b<c>");
        assertThat(html).contains("&lt;script&gt;", "a&quot;b&lt;c&gt;.ttl");
    }

    @Test
    void unsupportedAcceptIs406WithTheOfferedTypes() throws Exception {
        MockHttpServletResponse response = call("application/pdf", null);

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getHeader("Vary")).isEqualTo("Accept");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("text/turtle", "application/ld+json", "text/html", "?format=");
        assertThat(call("text/turtle;q=0", null).getStatus()).isEqualTo(406);
    }

    @Test
    void qualityDecides() {
        assertThat(CatalogController.choose("text/turtle;q=0.5, application/ld+json"))
                .contains(CatalogController.Format.JSON_LD);
        assertThat(CatalogController.choose("application/*")).contains(CatalogController.Format.JSON_LD);
        assertThat(CatalogController.choose("not a type")).isEmpty();
    }
}
