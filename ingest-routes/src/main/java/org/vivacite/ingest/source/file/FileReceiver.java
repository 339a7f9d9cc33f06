package org.vivacite.ingest.source.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.Outcome;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.triplestore.support.OwnerOnly;

/** One dropped file to the port, then to {@code done/} or {@code failed/}, or left for the next poll. */
final class FileReceiver implements Processor {

    static final String SOURCE = Envelope.DROP_FOLDER;

    private static final Logger LOG = LoggerFactory.getLogger(FileReceiver.class);

    private final Format format;
    private final Path folder;
    private final IngestGate gate;
    private final Clock clock;

    FileReceiver(Format format, Path folder, IngestGate gate, Clock clock) {
        this.format = format;
        this.folder = folder;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path file = folder.resolve(name);
        byte[] payload = Files.readAllBytes(file);
        Envelope envelope = new Envelope(format, SOURCE, name, name, clock.instant(), payload, null);
        Outcome outcome;
        try {
            outcome = gate.accept(envelope);
        } catch (RuntimeException e) {
            if (IngestGate.isUnreadable(e)) {
                fail(file, "unreadable: " + IngestGate.reason(e));
            } else {
                LOG.warn("{}/{} not stored, left for the next poll: {}", format.id(), name, e.toString());
            }
            return;
        }
        if (IngestGate.nothingAccepted(outcome)) {
            String reasons = outcome.rejections().stream()
                    .map(r -> r.reason() + (r.deadLetterId() == null ? "" : " (dead letter " + r.deadLetterId() + ")"))
                    .collect(Collectors.joining("\n"));
            fail(
                    file,
                    "nothing accepted, " + outcome.rejected() + " rejected"
                            + (reasons.isEmpty() ? "" : ":\n" + reasons));
        } else {
            moveInto(file, "done");
            LOG.debug(
                    "{}/{} done: {} accepted, {} rejected", format.id(), name, outcome.accepted(), outcome.rejected());
        }
    }

    private void fail(Path file, String reason) {
        Path moved = moveInto(file, "failed");
        try {
            Path reasonFile = OwnerOnly.createFile(moved.resolveSibling(moved.getFileName() + ".reason.txt"));
            Files.writeString(reasonFile, reason + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reason of " + moved, e);
        }
        LOG.warn(
                "{}/{} failed: {}",
                format.id(),
                file.getFileName(),
                reason.lines().findFirst().orElse(""));
    }

    /**
     * Moves the file into a sub-folder, under a new name ({@code name.1}…) if one is taken, and makes
     * it owner-only: whoever dropped it gave it the umask's mode.
     */
    private Path moveInto(Path file, String subfolder) {
        try {
            Path dir = OwnerOnly.directories(folder.resolve(subfolder));
            OwnerOnly.restrict(dir);
            String name = file.getFileName().toString();
            Path target = dir.resolve(name);
            for (int i = 1;
                    Files.exists(target) || Files.exists(dir.resolve(target.getFileName() + ".reason.txt"));
                    i++) {
                target = dir.resolve(name + "." + i);
            }
            Path moved = Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.restrict(moved);
            return moved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " into " + subfolder + "/", e);
        }
    }
}
