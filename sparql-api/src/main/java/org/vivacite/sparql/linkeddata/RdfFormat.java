package org.vivacite.sparql.linkeddata;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.springframework.http.MediaType;

/** The RDF serialisations the linked-data endpoints offer, in the order they are preferred on a tie. */
enum RdfFormat {
    TURTLE(Lang.TURTLE, true),
    JSON_LD(Lang.JSONLD, false),
    N_TRIPLES(Lang.NTRIPLES, true),
    RDF_XML(Lang.RDFXML, false);

    private final Lang lang;
    private final MediaType mediaType;
    private final MediaType contentType;

    /**
     * @param lang the RIOT language, whose default writer (pretty) writes the descriptions
     * @param text whether the media type takes a charset parameter
     */
    RdfFormat(Lang lang, boolean text) {
        this.lang = lang;
        this.mediaType = MediaType.parseMediaType(lang.getHeaderString());
        this.contentType = text ? new MediaType(mediaType, java.nio.charset.StandardCharsets.UTF_8) : mediaType;
    }

    /** Its media type, without parameters, such as {@code text/turtle}. */
    MediaType mediaType() {
        return mediaType;
    }

    /** The {@code Content-Type} of a response in this format. */
    MediaType contentType() {
        return contentType;
    }

    Lang lang() {
        return lang;
    }

    /** The value of the {@code format} parameter that asks for it: ttl, jsonld, nt, rdfxml. */
    String parameter() {
        return switch (this) {
            case TURTLE -> "ttl";
            case JSON_LD -> "jsonld";
            case N_TRIPLES -> "nt";
            case RDF_XML -> "rdfxml";
        };
    }

    /** The format a {@code format} parameter names, if any. */
    static java.util.Optional<RdfFormat> ofParameter(String name) {
        return Arrays.stream(values()).filter(f -> f.parameter().equals(name)).findFirst();
    }

    /** The format of this media type, if it is one of them (parameters ignored). */
    static java.util.Optional<RdfFormat> of(MediaType type) {
        return Arrays.stream(values())
                .filter(f -> f.mediaType.equalsTypeAndSubtype(type))
                .findFirst();
    }

    static List<MediaType> mediaTypes() {
        return Arrays.stream(values()).map(RdfFormat::mediaType).toList();
    }

    /** Writes the graph in this format; does not close {@code out}. */
    void write(OutputStream out, Graph graph) {
        RDFDataMgr.write(out, graph, lang);
    }
}
