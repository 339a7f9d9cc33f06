package org.vivacite.opendata.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.ReleaseSummary;
import org.vivacite.opendata.ReleaseSummary.DownloadFile;

/**
 * The open-data catalogue in DCAT-AP 3.0: one {@code dcat:Catalog}, per dataset with releases a
 * {@code dcat:DatasetSeries}, per release a {@code dcat:Dataset} in its series with one {@code
 * dcat:Distribution} per file, and the public SPARQL endpoint as a {@code dcat:DataService}.
 *
 * <p>The model also describes, briefly, every resource it refers to (publisher, licence, themes,
 * file types, media types, languages, standards, area): the DCAT-AP shapes check those
 * resources' classes and labels, and a harvester should not have to fetch them. With no release
 * the catalogue lists only the endpoint.
 */
public final class Catalog {

    /** The catalogue's resource, {@code {base}id/catalog}; its document is {@code {base}catalog}. */
    public static String iri(String base) {
        return base + "id/catalog";
    }

    /** The public SPARQL endpoint as a data service, {@code {base}id/service/sparql}. */
    public static String serviceIri(String base) {
        return base + "id/service/sparql";
    }

    /** The series of a dataset's releases, {@code {base}id/dataset/{dataset}}. */
    public static String seriesIri(String base, Dataset dataset) {
        return base + "id/dataset/" + dataset.id;
    }

    private static final String LANGUAGE = "http://publications.europa.eu/resource/authority/language";
    private static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency";
    private static final String AVAILABILITY = "http://publications.europa.eu/resource/authority/planned-availability";
    private static final String PUBLISHER_TYPE = "http://purl.org/adms/publishertype/1.0";
    private static final String LICENCE_TYPE = "http://purl.org/adms/licencetype/1.0";
    private static final String SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/";
    private static final String SHA256 = T.SPDX + "checksumAlgorithm_sha256";

    private final CatalogSettings settings;

    public Catalog(CatalogSettings settings) {
        if (settings == null) {
            throw new OpenDataException("the catalogue needs its settings");
        }
        this.settings = settings;
    }

    public CatalogSettings settings() {
        return settings;
    }

    /**
     * The catalogue of these releases.
     *
     * @param releases the releases made so far, in any order
     * @throws OpenDataException if a release has a file of unknown media type or a checksum that is
     *     not SHA-256 hex, or if two releases share a dataset and id
     */
    public Model model(List<ReleaseSummary> releases) {
        return new Builder(releases).build();
    }

    /** One build: the model and the resources shared by its datasets. */
    private final class Builder {

        private final List<ReleaseSummary> releases;
        private final Model m = ModelFactory.createDefaultModel();
        private final String base = settings.base();
        private Resource publisher;
        private Resource contact;
        private Resource licence;
        private Resource spatial;
        private List<Resource> themes;

        Builder(List<ReleaseSummary> releases) {
            if (releases == null) {
                throw new OpenDataException("the catalogue needs a list of releases, empty if none");
            }
            this.releases = releases.stream()
                    .sorted(Comparator.comparing(
                                    (ReleaseSummary r) -> r.dataset().ordinal())
                            .thenComparing(ReleaseSummary::issued)
                            .thenComparing(ReleaseSummary::id))
                    .toList();
        }

        Model build() {
            T.prefixes(m);
            publisher = publisher();
            contact = contact();
            licence = licence();
            spatial = spatial();
            themes = settings.themes().stream().map(this::theme).toList();

            Resource catalog = m.createResource(iri(base), T.Catalog);
            literals(catalog, T.title, settings.titleFr(), settings.titleEn());
            literals(catalog, T.description, settings.descriptionFr(), settings.descriptionEn());
            catalog.addProperty(T.publisher, publisher);
            catalog.addProperty(T.license, licence);
            catalog.addLiteral(T.issued, date(settings.issued()));
            catalog.addLiteral(T.modified, modified());
            catalog.addProperty(T.language, language("FRA", "français", "French"));
            catalog.addProperty(T.language, language("ENG", "anglais", "English"));
            catalog.addProperty(T.spatial, spatial);
            catalog.addProperty(T.themeTaxonomy, scheme(DataThemes.SCHEME, "Data theme"));
            catalog.addProperty(T.homepage, m.createResource(settings.homepage(), T.Document));

            Resource service = service();
            catalog.addProperty(T.service, service);

            Map<Dataset, List<ReleaseSummary>> byDataset = new LinkedHashMap<>();
            for (ReleaseSummary r : releases) {
                byDataset.computeIfAbsent(r.dataset(), d -> new ArrayList<>()).add(r);
            }
            byDataset.forEach((dataset, list) -> {
                Resource series = series(dataset, list);
                Resource previous = null;
                for (ReleaseSummary r : list) {
                    Resource release = release(r, series);
                    if (previous != null) {
                        release.addProperty(T.prev, previous);
                    }
                    previous = release;
                    catalog.addProperty(T.dataset, release);
                    service.addProperty(T.servesDataset, release);
                }
                series.addProperty(T.first, m.createResource(list.get(0).iri(base)));
                series.addProperty(T.last, previous);
            });
            return m;
        }

        /** The newest release's issue, or the catalogue's when it has none or they are older. */
        private Literal modified() {
            Instant first = settings.issued().atStartOfDay(ZoneOffset.UTC).toInstant();
            return releases.stream()
                    .map(ReleaseSummary::issued)
                    .filter(i -> i.isAfter(first))
                    .max(Comparator.naturalOrder())
                    .map(this::dateTime)
                    .orElseGet(() -> date(settings.issued()));
        }

        private Resource series(Dataset dataset, List<ReleaseSummary> list) {
            Resource series = m.createResource(seriesIri(base, dataset), T.DatasetSeries);
            literals(series, T.title, dataset.titleFr, dataset.titleEn);
            literals(series, T.description, dataset.descriptionFr, dataset.descriptionEn);
            series.addProperty(T.publisher, publisher);
            series.addProperty(T.contactPoint, contact);
            series.addProperty(T.spatial, spatial);
            series.addLiteral(T.issued, dateTime(list.get(0).issued()));
            series.addLiteral(T.modified, dateTime(list.get(list.size() - 1).issued()));
            return series;
        }

        private Resource release(ReleaseSummary r, Resource series) {
            Dataset d = r.dataset();
            Resource release = m.createResource(r.iri(base));
            if (release.hasProperty(RDF.type)) {
                throw new OpenDataException("release " + r.id() + " of dataset " + d.id + " is listed twice");
            }
            release.addProperty(RDF.type, T.Dataset);
            release.addProperty(T.inSeries, series);
            LocalDate last = r.coverageEnd().minusDays(1);
            literals(release, T.title, d.titleFr + " — version " + r.id(), d.titleEn + " — release " + r.id());
            literals(
                    release,
                    T.description,
                    d.descriptionFr + " Version " + r.id() + " : du " + r.coverageStart() + " au " + last + ", "
                            + r.published() + " cellules publiées sur " + r.cells() + ".",
                    d.descriptionEn + " Release " + r.id() + ": from " + r.coverageStart() + " to " + last + ", "
                            + r.published() + " of " + r.cells() + " cells published.");
            Literal issued = dateTime(r.issued());
            release.addLiteral(T.issued, issued);
            release.addLiteral(T.modified, issued);
            Resource period = m.createResource(T.PeriodOfTime);
            period.addLiteral(T.startDate, date(r.coverageStart()));
            period.addLiteral(T.endDate, date(last));
            release.addProperty(T.temporal, period);
            release.addProperty(T.spatial, spatial);
            themes.forEach(t -> release.addProperty(T.theme, t));
            keywords(release);
            release.addProperty(T.publisher, publisher);
            release.addProperty(T.contactPoint, contact);
            release.addProperty(T.accrualPeriodicity, frequencyNever());
            release.addProperty(T.identifier, r.iri(base));
            release.addProperty(T.version, r.id());
            for (DownloadFile f : r.files()) {
                release.addProperty(T.distribution, distribution(r, f));
            }
            return release;
        }

        private Resource distribution(ReleaseSummary r, DownloadFile f) {
            FileTypes.FileType type = FileTypes.of(f.format(), f.name());
            if (f.sha256() == null || !f.sha256().matches("[0-9a-f]{64}")) {
                throw new OpenDataException("release " + r.id() + " of dataset " + r.dataset().id + ": file '"
                        + f.name() + "' has checksum '" + f.sha256() + "', not 64 lower-case hex digits of SHA-256");
            }
            if (f.bytes() < 0) {
                throw new OpenDataException("release " + r.id() + " of dataset " + r.dataset().id + ": file '"
                        + f.name() + "' has a negative size " + f.bytes());
            }
            Resource url = m.createResource(r.downloadUrl(base, f.name()));
            Resource dist = m.createResource(r.iri(base) + "/distribution/" + f.name(), T.Distribution);
            dist.addLiteral(T.title, m.createLiteral(f.name()));
            literals(
                    dist,
                    T.description,
                    "Fichier " + type.label() + " de la version " + r.id() + ".",
                    type.label() + " file of release " + r.id() + ".");
            dist.addProperty(T.accessURL, url);
            dist.addProperty(T.downloadURL, url);
            Resource format = concept(type.iri(), FileTypes.SCHEME, "File type", type.label(), null);
            format.addProperty(RDF.type, T.MediaTypeOrExtent);
            dist.addProperty(T.format, format);
            dist.addProperty(T.mediaType, m.createResource(FileTypes.ianaIri(f.format()), T.MediaType));
            if (f.name().endsWith(".gz")) { // the media type is the content's; the file is gzip
                dist.addProperty(T.compressFormat, m.createResource(FileTypes.IANA + "application/gzip", T.MediaType));
            }
            dist.addLiteral(T.byteSize, m.createTypedLiteral(Long.toString(f.bytes()), XSDDatatype.XSDdecimal));
            Resource checksum = m.createResource(T.Checksum);
            checksum.addProperty(T.algorithm, m.createResource(SHA256, T.ChecksumAlgorithm));
            checksum.addLiteral(T.checksumValue, m.createTypedLiteral(f.sha256(), XSDDatatype.XSDhexBinary));
            dist.addProperty(T.checksum, checksum);
            dist.addProperty(T.license, licence);
            dist.addProperty(
                    T.availability,
                    concept(AVAILABILITY + "/STABLE", AVAILABILITY, "Planned availability", "stable", null));
            if (type.standard() != null) {
                Resource standard = m.createResource(type.standard(), T.Standard);
                standard.addProperty(T.title, FileTypes.STANDARD_TITLES.get(type.standard()), "en");
                dist.addProperty(T.conformsTo, standard);
            }
            return dist;
        }

        private Resource service() {
            Resource service = m.createResource(serviceIri(base), T.DataService);
            literals(service, T.title, "Point d'accès SPARQL public", "Public SPARQL endpoint");
            literals(
                    service,
                    T.description,
                    "Point d'accès SPARQL 1.1 aux données publiques : vocabulaire, territoire, versions des jeux de"
                            + " données ouverts et catalogue.",
                    "SPARQL 1.1 endpoint to the public data: vocabulary, territory, open-data releases and catalogue.");
            Resource endpoint = m.createResource(base + "sparql");
            service.addProperty(T.endpointURL, endpoint);
            service.addProperty(T.endpointDescription, endpoint);
            Resource protocol = m.createResource(SPARQL_PROTOCOL, T.Standard);
            protocol.addProperty(T.title, "SPARQL 1.1 Protocol", "en");
            service.addProperty(T.conformsTo, protocol);
            service.addProperty(T.publisher, publisher);
            service.addProperty(T.contactPoint, contact);
            service.addProperty(T.license, licence);
            themes.forEach(t -> service.addProperty(T.theme, t));
            keywords(service);
            return service;
        }

        private Resource publisher() {
            Resource agent = m.createResource(settings.publisherIri(), T.Agent);
            agent.addProperty(RDF.type, T.Organization);
            agent.addProperty(T.name, settings.publisherName());
            agent.addProperty(
                    T.type,
                    concept(
                            "http://purl.org/adms/publishertype/LocalAuthority",
                            PUBLISHER_TYPE,
                            "Publisher type",
                            "Local Authority",
                            null));
            return agent;
        }

        private Resource contact() {
            Resource kind = m.createResource(T.Kind);
            kind.addProperty(RDF.type, T.VcardOrganization);
            kind.addProperty(T.fn, settings.contactName());
            kind.addProperty(T.hasEmail, m.createResource("mailto:" + settings.contactEmail()));
            return kind;
        }

        private Resource licence() {
            Resource doc = m.createResource(settings.licence(), T.LicenseDocument);
            doc.addProperty(T.title, settings.licenceTitle());
            doc.addProperty(
                    T.type,
                    concept(
                            "http://purl.org/adms/licencetype/Attribution",
                            LICENCE_TYPE,
                            "Licence type",
                            "Attribution",
                            null));
            return doc;
        }

        private Resource spatial() {
            Resource location = m.createResource(settings.spatial(), T.Location);
            location.addLiteral(T.bbox, m.createTypedLiteral(settings.spatialBbox(), T.WKT));
            location.addLiteral(T.centroid, m.createTypedLiteral(settings.spatialCentroid(), T.WKT));
            return location;
        }

        private Resource theme(String code) {
            return concept(DataThemes.iri(code), DataThemes.SCHEME, "Data theme", DataThemes.label(code), null);
        }

        private Resource frequencyNever() {
            Resource never = concept(FREQUENCY + "/NEVER", FREQUENCY, "Frequency", "never", "jamais");
            never.addProperty(RDF.type, T.Frequency);
            return never;
        }

        private Resource language(String code, String fr, String en) {
            Resource language = concept(LANGUAGE + "/" + code, LANGUAGE, "Language", en, fr);
            language.addProperty(RDF.type, T.LinguisticSystem);
            return language;
        }

        /** A concept of an authority table, labelled in English (and French if given), in its scheme. */
        private Resource concept(String iri, String scheme, String schemeTitle, String labelEn, String labelFr) {
            Resource concept = m.createResource(iri, T.Concept);
            concept.addProperty(T.prefLabel, labelEn, "en");
            if (labelFr != null) {
                concept.addProperty(T.prefLabel, labelFr, "fr");
            }
            concept.addProperty(T.inScheme, scheme(scheme, schemeTitle));
            return concept;
        }

        private Resource scheme(String iri, String title) {
            Resource scheme = m.createResource(iri, T.ConceptScheme);
            scheme.addProperty(T.title, title, "en");
            return scheme;
        }

        private void keywords(Resource r) {
            settings.keywordsFr().forEach(k -> r.addProperty(T.keyword, k, "fr"));
            settings.keywordsEn().forEach(k -> r.addProperty(T.keyword, k, "en"));
        }

        private void literals(Resource r, Property p, String fr, String en) {
            r.addProperty(p, fr, "fr");
            r.addProperty(p, en, "en");
        }

        private Literal date(LocalDate d) {
            return m.createTypedLiteral(d.toString(), XSDDatatype.XSDdate);
        }

        private Literal dateTime(Instant i) {
            return m.createTypedLiteral(i.toString(), XSDDatatype.XSDdateTime);
        }
    }
}
