package org.vivacite.triplestore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;

/** Backup files: gzipped (or plain) N-Quads, checked whole before a store is touched. */
public final class Backups {

    private Backups() {}

    /** Opens a backup, gunzipping it when it starts with the gzip magic bytes. */
    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /**
     * Reads the whole backup and checks that it is N-Quads in named graphs only, to the end of the
     * file (a truncated gzip is an error).
     *
     * @return the number of quads
     * @throws StoreException naming the file and what is wrong
     */
    public static long validate(Path file) {
        long[] quads = {0};
        try (FailureRecordingStream in = new FailureRecordingStream(open(file))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(new StreamRDFBase() {
                @Override
                public void quad(Quad quad) {
                    if (quad.isDefaultGraph()) {
                        throw new StoreException(
                                "backup '" + file + "' holds a triple outside any named graph: " + quad);
                    }
                    quads[0]++;
                }

                @Override
                public void triple(Triple triple) {
                    throw new StoreException("backup '" + file + "' holds a triple outside any named graph: " + triple);
                }
            });
            if (in.failure != null) {
                // The parser may take a read error (a truncated gzip) for the end of the input.
                throw in.failure;
            }
        } catch (RiotException e) {
            throw new StoreException("backup '" + file + "' is not valid N-Quads: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("backup '" + file + "' cannot be read to its end: " + e.getMessage(), e);
        }
        return quads[0];
    }

    /** Remembers the first read error, which a parser might otherwise mistake for the end of input. */
    private static final class FailureRecordingStream extends java.io.FilterInputStream {
        IOException failure;

        FailureRecordingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
