package org.vivacite.triplestore.tdb2;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.jena.geosparql.configuration.GeoSPARQLConfig;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.store.FSDirectory;

/**
 * The public store's search: a Lucene index (jena-text) of labels, names, notations and titles, so
 * {@code text:query} works in SPARQL, and the GeoSPARQL functions ({@code geof:sfWithin}, …) over
 * {@code geo:wktLiteral}s.
 *
 * <p>Indexed properties: {@code rdfs:label}, {@code skos:prefLabel}, {@code skos:altLabel},
 * {@code skos:notation}, {@code dct:title}, {@code dct:description}. French elisions are split
 * off, and text is lower-cased and folded to ASCII, so {@code "echirolles"} finds "Échirolles" and
 * {@code "exemple"} finds "Rue de l'Exemple". Entries carry their graph (so
 * {@code GRAPH} scoping holds) and a uid (so deleted triples leave the index).
 */
final class SearchIndexes {

    static final String TEXT_FIELD = "text";

    private SearchIndexes() {}

    static {
        GeoSPARQLConfig.setupNoIndex(); // registers the GeoSPARQL functions and property functions
    }

    static DatasetGraph withText(DatasetGraph base, Path luceneDirectory) throws IOException {
        EntityDefinition entities = new EntityDefinition("uri", TEXT_FIELD, "graph", RDFS.label.asNode());
        for (var p : new org.apache.jena.rdf.model.Property[] {
            SKOS.prefLabel, SKOS.altLabel, SKOS.notation, DCTerms.title, DCTerms.description
        }) {
            entities.set(TEXT_FIELD, p.asNode());
        }
        entities.setUidField("uid");
        TextIndexConfig config = new TextIndexConfig(entities);
        Analyzer folding = CustomAnalyzer.builder()
                .withTokenizer("standard")
                .addTokenFilter("elision", "ignoreCase", "true") // l'Exemple → Exemple, d'Hères → Hères
                .addTokenFilter("lowercase")
                .addTokenFilter("asciifolding")
                .build();
        config.setAnalyzer(folding);
        config.setQueryAnalyzer(folding);

        TextIndex index = TextDatasetFactory.createLuceneIndex(FSDirectory.open(luceneDirectory), config);
        return TextDatasetFactory.create(base, index, true);
    }

    /** Loads the class, which registers GeoSPARQL with Jena once. */
    static void init() {}
}
