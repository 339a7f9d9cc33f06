package org.vivacite.ingest.source.file;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.camel.builder.RouteBuilder;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.source.IngestGate;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * Drop folders to the port: one route per format watches {@code {inbox}/{format}/}.
 *
 * <ul>
 *   <li><b>Writing a file:</b> write it as {@code name.tmp} (or {@code .part}) and rename it when it is
 *       complete. Names ending in {@code .tmp} or {@code .part}, and hidden names, are never read;
 *       a file is also read only once its size and time have not changed for a second
 *       ({@code readLock=changed}), for writers that cannot rename.
 *   <li><b>done/</b>: the port accepted at least one reading of it (what it rejected is in the
 *       dead-letter store).
 *   <li><b>failed/</b> with {@code <name>.reason.txt} beside it: nothing of it was accepted (the
 *       payload is unreadable, or every input was rejected).
 *   <li><b>Left in place</b> when the store failed: it is read again at the next poll, so a store
 *       outage needs no one to move files back.
 * </ul>
 *
 * <p>The folders, and the files kept in {@code done/} and {@code failed/}, are owner-only
 * ({@link OwnerOnly}): meter files hold private readings.
 */
public final class FileIngestRoute extends RouteBuilder {

    /** Route ids are this prefix and the format: {@code ingest-file-wmbus}. */
    public static final String ROUTE_ID_PREFIX = "ingest-file-";

    private final Path inbox;
    private final Duration pollDelay;
    private final IngestGate gate;
    private final Clock clock;

    public FileIngestRoute(Path inbox, Duration pollDelay, IngestGate gate, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox").toAbsolutePath();
        this.pollDelay = Objects.requireNonNull(pollDelay, "pollDelay");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void configure() throws IOException {
        errorHandler(noErrorHandler());
        for (Format format : Format.values()) {
            Path folder = inbox.resolve(format.id());
            OwnerOnly.directories(folder); // before Camel would create it with the umask's mode
            OwnerOnly.restrict(folder);
            FileReceiver receiver = new FileReceiver(format, folder, gate, clock);
            from("file:" + folder
                            + "?autoCreate=true&noop=true&idempotent=false&recursive=false"
                            + "&exclude=RAW(^\\..*|.*\\.(tmp|part)$)"
                            + "&readLock=changed&readLockMarkerFile=false&readLockCheckInterval=500&readLockMinAge=1000&readLockMinLength=0"
                            + "&sortBy=file:modified&delay=" + pollDelay.toMillis())
                    .routeId(ROUTE_ID_PREFIX + format.id())
                    .process(receiver);
        }
    }
}
