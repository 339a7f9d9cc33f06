package org.vivacite.territory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;

/**
 * Test only: a Turtle file of streets and buildings ({@code *.ttl}) added to the territory at the
 * buildings stage, standing in for the BAN and RNB readers in tests of the import itself.
 */
public final class TurtleTestSource implements TerritorySource {

    @Override
    public String kind() {
        return "test buildings (Turtle)";
    }

    @Override
    public int stage() {
        return BUILDINGS;
    }

    @Override
    public boolean recognises(String fileName, byte[] head) {
        return fileName.endsWith(".ttl");
    }

    @Override
    public void read(Path file, TerritoryDraft draft) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            RDFParser.source(in).lang(Lang.TURTLE).base(draft.base()).parse(draft.territory());
        }
    }
}
