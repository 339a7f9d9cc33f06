package org.vivacite.opendata.catalog;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.List;
import org.vivacite.opendata.OpenDataException;

/**
 * What the DCAT-AP catalogue says of itself and of every dataset that the releases do not say:
 * who publishes, whom to contact, under which licence, where and about what. {@link #defaults}
 * gives values that describe Grenoble-Alpes Métropole and validate against the DCAT-AP 3.0.0
 * shapes; a deployment overrides what differs.
 *
 * @param base the platform's base IRI, ending in {@code /}, such as {@code http://localhost:8080/}
 * @param titleFr the catalogue's title in French
 * @param titleEn the catalogue's title in English
 * @param descriptionFr the catalogue's description in French
 * @param descriptionEn the catalogue's description in English
 * @param publisherName the name of the publishing organisation ({@code foaf:name})
 * @param publisherIri the IRI of the publishing organisation, a {@code foaf:Agent} of ADMS type
 *     "local authority"
 * @param contactName the contact point's name ({@code vcard:fn})
 * @param contactEmail the contact point's e-mail address, without {@code mailto:}
 * @param licence the IRI of the licence of every dataset and distribution
 * @param licenceTitle the licence's title, said in the catalogue so that it is self-contained
 * @param spatial the IRI of the area the data cover ({@code dct:spatial}), a {@code dct:Location}
 * @param spatialBbox the area's bounding box as a WKT polygon in WGS 84 longitude/latitude ({@code
 *     dcat:bbox})
 * @param spatialCentroid the area's centroid as a WKT point ({@code dcat:centroid})
 * @param themes codes of the EU data-theme authority table, such as {@code ENER}
 * @param keywordsFr free keywords in French ({@code dcat:keyword})
 * @param keywordsEn free keywords in English
 * @param homepage the catalogue's home page ({@code foaf:homepage})
 * @param issued when the catalogue was first published ({@code dct:issued})
 */
public record CatalogSettings(
        String base,
        String titleFr,
        String titleEn,
        String descriptionFr,
        String descriptionEn,
        String publisherName,
        String publisherIri,
        String contactName,
        String contactEmail,
        String licence,
        String licenceTitle,
        String spatial,
        String spatialBbox,
        String spatialCentroid,
        List<String> themes,
        List<String> keywordsFr,
        List<String> keywordsEn,
        String homepage,
        LocalDate issued) {

    /** SIREN of Grenoble-Alpes Métropole, in the IRIs of its territory and of the organisation. */
    public static final String METROPOLIS_SIREN = "200040715";

    /**
     * Licence Ouverte / Open Licence 2.0 (Etalab). The DCAT-AP 3.0.0 material in the shared
     * reference names no EU licence-authority IRI for it, so the Etalab page is the IRI.
     */
    public static final String ETALAB_2_0 = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";

    public CatalogSettings {
        base = required("base", base);
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        iri("base", base);
        required("titleFr", titleFr);
        required("titleEn", titleEn);
        required("descriptionFr", descriptionFr);
        required("descriptionEn", descriptionEn);
        required("publisherName", publisherName);
        iri("publisherIri", publisherIri);
        required("contactName", contactName);
        required("contactEmail", contactEmail);
        if (!contactEmail.matches("[^@\\s:]+@[^@\\s]+")) {
            throw new OpenDataException("catalogue setting contactEmail '" + contactEmail
                    + "' is not an e-mail address (write it without mailto:)");
        }
        iri("licence", licence);
        required("licenceTitle", licenceTitle);
        iri("spatial", spatial);
        if (!required("spatialBbox", spatialBbox).startsWith("POLYGON")) {
            throw new OpenDataException("catalogue setting spatialBbox '" + spatialBbox + "' is not a WKT POLYGON");
        }
        if (!required("spatialCentroid", spatialCentroid).startsWith("POINT")) {
            throw new OpenDataException(
                    "catalogue setting spatialCentroid '" + spatialCentroid + "' is not a WKT POINT");
        }
        themes = List.copyOf(themes == null ? List.of() : themes);
        if (themes.isEmpty()) {
            throw new OpenDataException("catalogue setting themes is empty: give at least one EU data theme");
        }
        themes.forEach(DataThemes::label);
        keywordsFr = List.copyOf(keywordsFr == null ? List.of() : keywordsFr);
        keywordsEn = List.copyOf(keywordsEn == null ? List.of() : keywordsEn);
        if (keywordsFr.isEmpty() && keywordsEn.isEmpty()) {
            throw new OpenDataException("catalogue settings keywordsFr and keywordsEn are both empty");
        }
        iri("homepage", homepage);
        if (issued == null) {
            throw new OpenDataException("catalogue setting issued is missing");
        }
    }

    /**
     * These settings with the contact e-mail and the licence a deployment sets ({@code
     * vivacite.open-data.*}); null keeps the value here.
     */
    public CatalogSettings with(String contactEmail, String licence, String licenceTitle) {
        return new CatalogSettings(
                base,
                titleFr,
                titleEn,
                descriptionFr,
                descriptionEn,
                publisherName,
                publisherIri,
                contactName,
                contactEmail != null ? contactEmail : this.contactEmail,
                licence != null ? licence : this.licence,
                licenceTitle != null ? licenceTitle : this.licenceTitle,
                spatial,
                spatialBbox,
                spatialCentroid,
                themes,
                keywordsFr,
                keywordsEn,
                homepage,
                issued);
    }

    /**
     * Settings for Grenoble-Alpes Métropole under {@code base}: publisher and spatial coverage the
     * metropolis ({@code {base}id/organisation/200040715}, {@code {base}id/metropolis/200040715}),
     * licence Etalab 2.0, themes ENER, ENVI and REGI, home page {@code {base}catalog}. The bounding
     * box and centroid are approximate (a rectangle around the 49 communes); the contact address is
     * a placeholder a deployment should confirm.
     */
    public static CatalogSettings defaults(String base) {
        String b = required("base", base).endsWith("/") ? base : base + "/";
        return new CatalogSettings(
                b,
                "Données ouvertes énergie et eau de Grenoble-Alpes Métropole",
                "Grenoble-Alpes Métropole energy and water open data",
                "Consommations d'électricité, de gaz, d'eau et de chaleur du territoire, agrégées et protégées"
                        + " par le secret statistique, publiées en versions immuables et en données liées.",
                "Electricity, gas, water and heat consumption of the territory, aggregated and protected by"
                        + " statistical disclosure control, published as immutable releases and linked data.",
                "Grenoble-Alpes Métropole",
                b + "id/organisation/" + METROPOLIS_SIREN,
                "Grenoble-Alpes Métropole — données ouvertes",
                "opendata@grenoblealpesmetropole.fr",
                ETALAB_2_0,
                "Licence Ouverte / Open Licence version 2.0",
                b + "id/metropolis/" + METROPOLIS_SIREN,
                "POLYGON((5.56 44.94, 5.92 44.94, 5.92 45.32, 5.56 45.32, 5.56 44.94))",
                "POINT(5.72 45.16)",
                List.of("ENER", "ENVI", "REGI"),
                List.of("énergie", "consommation", "électricité", "gaz", "eau", "chaleur", "Grenoble"),
                List.of("energy", "consumption", "electricity", "gas", "water", "heat", "Grenoble"),
                b + "catalog",
                LocalDate.of(2026, 11, 29));
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new OpenDataException("catalogue setting " + name + " is missing");
        }
        return value;
    }

    private static void iri(String name, String value) {
        required(name, value);
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new OpenDataException(
                        "catalogue setting " + name + " '" + value + "' is not an absolute http(s) IRI");
            }
        } catch (URISyntaxException e) {
            throw new OpenDataException("catalogue setting " + name + " '" + value + "' is not an IRI", e);
        }
    }
}
