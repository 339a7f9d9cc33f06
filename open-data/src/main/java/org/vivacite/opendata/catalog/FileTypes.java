package org.vivacite.opendata.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vivacite.opendata.OpenDataException;

/**
 * How the catalogue describes a release file of a given IANA media type: the EU file-type
 * authority concept for {@code dct:format}, and the standard its content follows, if any.
 */
final class FileTypes {

    static final String SCHEME = "http://publications.europa.eu/resource/authority/file-type";
    static final String IANA = "https://www.iana.org/assignments/media-types/";

    static final String DATA_CUBE = "https://www.w3.org/TR/vocab-data-cube/";
    static final String CSVW_MODEL = "https://www.w3.org/TR/tabular-data-model/";
    static final String CSVW_METADATA = "https://www.w3.org/TR/tabular-metadata/";

    /**
     * @param code the file-type concept's code
     * @param label its label
     * @param standard what the file's content conforms to, or {@code null}
     */
    record FileType(String code, String label, String standard) {
        String iri() {
            return SCHEME + "/" + code;
        }
    }

    private static final Map<String, FileType> BY_MEDIA_TYPE = Map.of(
            "text/turtle", new FileType("RDF_TURTLE", "RDF Turtle", DATA_CUBE),
            "application/n-triples", new FileType("RDF_N_TRIPLES", "RDF N-Triples", DATA_CUBE),
            "application/n-quads", new FileType("RDF_N_QUADS", "RDF N-Quads", DATA_CUBE),
            "application/trig", new FileType("RDF_TRIG", "RDF TriG", DATA_CUBE),
            "application/rdf+xml", new FileType("RDF_XML", "RDF/XML", DATA_CUBE),
            "application/ld+json", new FileType("JSON_LD", "JSON-LD", DATA_CUBE),
            "text/csv", new FileType("CSV", "CSV", CSVW_MODEL),
            "application/csvm+json", new FileType("JSON", "JSON", CSVW_METADATA),
            "application/json", new FileType("JSON", "JSON", null),
            "application/zip", new FileType("ZIP", "ZIP", null));

    /** Titles of the standards above, said in the catalogue ({@code dct:Standard}). */
    static final Map<String, String> STANDARD_TITLES = Map.of(
            DATA_CUBE, "The RDF Data Cube Vocabulary",
            CSVW_MODEL, "Model for Tabular Data and Metadata on the Web",
            CSVW_METADATA, "Metadata Vocabulary for Tabular Data");

    private FileTypes() {}

    /**
     * @param mediaType the media type of a release file, such as {@code text/turtle}; parameters
     *     ({@code ;charset=…}) are ignored
     * @param file the file's name, for the message
     */
    static FileType of(String mediaType, String file) {
        return Optional.ofNullable(mediaType)
                .map(FileTypes::essence)
                .map(BY_MEDIA_TYPE::get)
                .orElseThrow(() -> new OpenDataException("release file '" + file + "' has media type '" + mediaType
                        + "', which the catalogue cannot describe; known: "
                        + new java.util.TreeSet<>(BY_MEDIA_TYPE.keySet())));
    }

    /** The IANA IRI of the media type ({@code dcat:mediaType}). */
    static String ianaIri(String mediaType) {
        return IANA + essence(mediaType);
    }

    static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
    }
}
