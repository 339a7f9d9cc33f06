package org.vivacite.triplestore.rollup;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.vivacite.triplestore.StoreException;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The write-ahead log of the rollup sums held in memory: what {@link MeterDayRollups} adds up
 * until it writes them, so that a crash loses none of it.
 *
 * <ul>
 *   <li>A write appends (and forces to disk) a <em>batch</em> record — one observation of the
 *       batch as witness, then the batch's additions to each rollup — before the batch commits.
 *   <li>A flush appends a <em>flush</em> record naming one part it writes and which sums it
 *       writes — every sum of a day before a bound, or, for one of the writes a large flush is
 *       split into, those up to a last one in the order of {@link Slot} — and commits the parts.
 *       Once a flush is complete, the file is replaced by a <em>snapshot</em> of the sums still
 *       held (the file is replaced whole and atomically, the same way when it grows).
 *   <li>An erasure (a household's data removed on its request) appends an <em>erasure</em> record —
 *       one subject the erasing transaction adds as witness, then the rollups it removes — before
 *       that transaction commits.
 * </ul>
 *
 * On opening, a snapshot counts; a batch counts only if its witness is in the store (else its
 * commit never happened); if the flush's part is in the store, the sums it wrote no longer do; and
 * if an erasure's witness is in the store, the sums held before it of the rollups it removed no
 * longer count.
 * Lines are tab-separated; a record is complete only with its end line, so a torn tail is ignored.
 */
final class RollupJournal implements AutoCloseable {

    /** One batch's additions to one rollup. */
    record Delta(Node rollup, Node graph, LocalDate day, BigDecimal sum, long count) {

        /** Where its rollup's sum stands among those held. */
        Slot slot() {
            return new Slot(day, rollup.getURI());
        }
    }

    /** Where a rollup's sum stands among those held, in the order a flush takes them: by day, then rollup IRI. */
    record Slot(LocalDate day, String rollup) implements Comparable<Slot> {

        @Override
        public int compareTo(Slot o) {
            int byDay = day.compareTo(o.day);
            return byDay != 0 ? byDay : rollup.compareTo(o.rollup);
        }
    }

    /** A record of the file. */
    sealed interface Entry permits Batch, Flush, Erasure {}

    /** A batch as written: its witness observation (none for a snapshot) and its deltas. */
    record Batch(Node graph, Node witness, List<Delta> deltas) implements Entry {}

    /**
     * A flush: one part it writes, and the sums it writes — those held of a day before {@code
     * before}, and if {@code last} is not null only those up to {@code last}.
     */
    record Flush(Node part, LocalDate before, Slot last) implements Entry {

        /** Whether this flush wrote the sum held in {@code d}. */
        boolean wrote(Delta d) {
            return d.day().isBefore(before) && (last == null || d.slot().compareTo(last) <= 0);
        }
    }

    /** An erasure: the rollups it removed, and a subject its transaction added in {@code graph}, as witness. */
    record Erasure(Node graph, Node witness, Set<Node> rollups) implements Entry {}

    /** What the file held, in order. */
    record Content(List<Entry> entries) {

        List<Batch> batches() {
            return entries.stream()
                    .filter(Batch.class::isInstance)
                    .map(Batch.class::cast)
                    .toList();
        }

        Flush lastFlush() {
            Flush last = null;
            for (Entry e : entries) {
                if (e instanceof Flush f) {
                    last = f;
                }
            }
            return last;
        }
    }

    private final Path file;
    private FileChannel channel;

    RollupJournal(Path file) {
        this.file = file.toAbsolutePath();
        try {
            OwnerOnly.directories(this.file.getParent());
            this.channel = open();
            OwnerOnly.restrict(this.file); // a journal an older version left readable by others
        } catch (IOException e) {
            throw new StoreException("cannot open the rollup journal " + file + ": " + e.getMessage(), e);
        }
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(
                file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(file));
    }

    /** The size of the file, in bytes. */
    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new StoreException("cannot read the rollup journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads what the file holds; complete records only. */
    Content read() {
        List<Entry> entries = new ArrayList<>();
        List<String> lines;
        try {
            // Decoded leniently: a torn multi-byte character at the tail must not stop the store opening.
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot read the rollup journal " + file + ": " + e.getMessage(), e);
        }
        Batch open = null;
        Erasure erasure = null;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals("R") && !f[0].equals("E")) {
                erasure = null; // any other line ends an erasure record unfinished
            }
            switch (f[0]) {
                case "B" -> open = f.length == 3 ? new Batch(uri(f[1]), uri(f[2]), new ArrayList<>()) : null;
                case "S" -> open = new Batch(null, null, new ArrayList<>());
                case "X" -> {
                    open = null;
                    erasure = f.length == 3 ? new Erasure(uri(f[1]), uri(f[2]), new java.util.HashSet<>()) : null;
                }
                case "R" -> {
                    open = null;
                    if (erasure != null && f.length == 2 && !f[1].isEmpty()) {
                        erasure.rollups().add(uri(f[1]));
                    } else {
                        erasure = null; // a damaged line: its record is incomplete
                    }
                }
                case "D" -> {
                    try {
                        if (f.length != 6) {
                            open = null; // a damaged line: its record is incomplete
                        } else if (open != null) {
                            open.deltas()
                                    .add(new Delta(
                                            uri(f[1]),
                                            uri(f[2]),
                                            LocalDate.parse(f[3]),
                                            new BigDecimal(f[4]),
                                            Long.parseLong(f[5])));
                        }
                    } catch (RuntimeException torn) {
                        open = null; // a line cut short: its record is incomplete
                    }
                }
                case "E" -> {
                    if (open != null) {
                        entries.add(open);
                    }
                    if (erasure != null) {
                        entries.add(erasure);
                    }
                    open = null;
                    erasure = null;
                }
                case "F" -> {
                    open = null;
                    try {
                        if (f.length == 4 && f[3].equals("E")) {
                            entries.add(new Flush(uri(f[1]), LocalDate.parse(f[2]), null));
                        } else if (f.length == 6 && f[5].equals("E")) {
                            entries.add(
                                    new Flush(uri(f[1]), LocalDate.parse(f[2]), new Slot(LocalDate.parse(f[3]), f[4])));
                        }
                    } catch (RuntimeException torn) {
                        // an incomplete flush record: that flush never counts
                    }
                }
                default -> open = null; // a torn line: whatever record it belongs to is incomplete
            }
        }
        return new Content(entries);
    }

    /** Appends a batch record and forces it to disk. */
    void batch(Node graph, Node witness, Collection<Delta> deltas) {
        append(record("B\t" + graph.getURI() + "\t" + witness.getURI() + "\n", deltas));
    }

    private static String record(String first, Collection<Delta> deltas) {
        StringBuilder b = new StringBuilder(first);
        for (Delta d : deltas) {
            b.append("D\t")
                    .append(d.rollup().getURI())
                    .append('\t')
                    .append(d.graph().getURI())
                    .append('\t')
                    .append(d.day())
                    .append('\t')
                    .append(d.sum().toPlainString())
                    .append('\t')
                    .append(d.count())
                    .append('\n');
        }
        return b.append("E\n").toString();
    }

    /**
     * Appends an erasure record, and forces it to disk: the transaction that adds {@code witness}
     * (a subject) to {@code graph} removes these rollups.
     */
    void erasing(Node graph, Node witness, Collection<Node> rollups) {
        StringBuilder b = new StringBuilder("X\t")
                .append(graph.getURI())
                .append('\t')
                .append(witness.getURI())
                .append('\n');
        rollups.forEach(r -> b.append("R\t").append(r.getURI()).append('\n'));
        append(b.append("E\n").toString());
    }

    /**
     * Appends a flush record, and forces it to disk: the flush writes {@code part} among others,
     * and every sum held of a day before {@code before} up to {@code last}.
     * (Records without {@code last}, every sum of a day before {@code before}, are still read.)
     */
    void flushing(Node part, LocalDate before, Slot last) {
        append("F\t" + part.getURI() + "\t" + before + "\t" + last.day() + "\t" + last.rollup() + "\tE\n");
    }

    /** Replaces the whole file, atomically, by one snapshot record of these sums (none: an empty file). */
    void snapshot(Collection<Delta> held) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try {
            Files.deleteIfExists(next);
            OwnerOnly.createFile(next);
            Files.writeString(next, held.isEmpty() ? "" : record("S\n", held), StandardCharsets.UTF_8);
            try (FileChannel c = FileChannel.open(next, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            channel.close();
            try {
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true); // the rename itself is durable
                } catch (IOException notSupported) {
                    // some file systems cannot sync a directory; the rename is atomic all the same
                }
            } finally {
                channel = open(); // the old file or the new one: appends go on either way
            }
        } catch (IOException e) {
            throw new StoreException("cannot rewrite the rollup journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(String text) {
        long start = -1;
        try {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            start = channel.size();
            long at = start;
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            channel.force(false);
        } catch (IOException e) {
            try {
                if (start >= 0) {
                    channel.truncate(start); // no torn record before the next one
                }
            } catch (IOException ignored) {
                // the reader skips a torn record anyway
            }
            throw new StoreException("cannot write the rollup journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException("cannot close the rollup journal " + file + ": " + e.getMessage(), e);
        }
    }
}
