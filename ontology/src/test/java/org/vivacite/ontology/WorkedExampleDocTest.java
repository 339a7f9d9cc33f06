package org.vivacite.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;

/** The worked example shown in docs/ontology.md is exactly what the example files (and --demo) hold. */
class WorkedExampleDocTest {

    private static final String BASE = "http://localhost:8080/";

    @Test
    void docsShowTheExampleFilesTripleForTriple() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "ontology.md"));
        String section = doc.substring(doc.indexOf("## Worked example"));
        Matcher block = Pattern.compile("```turtle\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find())
                .as("a turtle block in the worked example section")
                .isTrue();

        Model shown = ModelFactory.createDefaultModel();
        RDFParser.fromString(block.group(1), Lang.TURTLE).base(BASE).parse(shown);
        Model files =
                Ontology.read(Ontology.EXAMPLE_HOUSEHOLD, BASE).add(Ontology.read(Ontology.EXAMPLE_TERRITORY, BASE));

        assertThat(shown.size()).isEqualTo(files.size());
        assertThat(shown.isIsomorphicWith(files)).isTrue();
    }
}
