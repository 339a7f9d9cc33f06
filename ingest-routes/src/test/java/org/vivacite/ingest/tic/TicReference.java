package org.vivacite.ingest.tic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The reference frames of {@code src/test/resources/tic} (see its README). */
final class TicReference {

    private TicReference() {}

    /** The names of the frames, without extension. */
    static Stream<String> frames() {
        try (Stream<Path> files =
                Files.list(Path.of(TicReference.class.getResource("/tic/frames").toURI()))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bin"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String resource) {
        try (InputStream in = TicReference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] frame(String name) {
        return bytes("/tic/frames/" + name + ".bin");
    }

    static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(bytes("/tic/frames/" + name + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
