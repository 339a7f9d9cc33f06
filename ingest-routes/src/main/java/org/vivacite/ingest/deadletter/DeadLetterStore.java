package org.vivacite.ingest.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * Inputs that were not written, one JSON file each in a directory under {@code {data}}
 * ({@code deadletter/}), owner-only: raw payload (base64), format, source, gateway, message id,
 * receipt time, rejection time, reason and detail. A file is written whole and forced to disk
 * before {@link #put} returns, so a rejection acknowledged to a sender is never lost. Replayed
 * letters that went through are moved to {@code replayed/}, not deleted.
 */
public final class DeadLetterStore {

    /** Payloads larger than this are kept cut to it (and marked so). */
    public static final int MAX_PAYLOAD = 16 << 20;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[0-9a-z]+");
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(2 * MAX_PAYLOAD + 1024)
                    .build())
            .build());

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong(System.nanoTime() & 0xFFFFFF);

    public DeadLetterStore(Path dir) {
        this.dir = dir;
        try {
            OwnerOnly.directories(dir);
            OwnerOnly.restrict(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dead-letter store " + dir, e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** Keeps a rejected input; returns its id once it is on disk. */
    public String put(Envelope input, Reason reason, String detail) {
        Instant now = Instant.now();
        String id = STAMP.format(now) + "-" + Long.toString(sequence.incrementAndGet(), 36);
        write(new DeadLetter(id, cut(input), now, reason, detail, 1, input.payload().length > MAX_PAYLOAD));
        return id;
    }

    /** Records another failed attempt of a letter (a replay rejected again), keeping its id. */
    public void retried(DeadLetter letter, Reason reason, String detail) {
        write(new DeadLetter(
                letter.id(),
                letter.envelope(),
                Instant.now(),
                reason,
                detail,
                letter.attempts() + 1,
                letter.truncated()));
    }

    /** Moves a letter that went through on replay to {@code replayed/}. */
    public void resolved(String id) {
        try {
            Path replayed = OwnerOnly.directories(dir.resolve("replayed"));
            Files.move(file(id), replayed.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            // resolved by another replay meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move dead letter " + id, e);
        }
    }

    /** Every letter waiting, oldest first. */
    public List<DeadLetter> list() {
        return list(l -> true);
    }

    /** The letters waiting that match, oldest first. */
    public List<DeadLetter> list(Predicate<DeadLetter> filter) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dead-letter store " + dir, e);
        }
        files.sort(null);
        List<DeadLetter> letters = new ArrayList<>();
        for (Path f : files) {
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            get(id).filter(filter).ifPresent(letters::add);
        }
        return letters;
    }

    /** The number of letters waiting. */
    public int size() {
        try (var files = Files.list(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dead-letter store " + dir, e);
        }
    }

    /** One letter, if it is waiting. */
    public Optional<DeadLetter> get(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(JSON.readTree(Files.readAllBytes(file(id)))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead letter " + id, e);
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    private void write(DeadLetter letter) {
        Envelope e = letter.envelope();
        ObjectNode json = JSON.createObjectNode();
        json.put("id", letter.id());
        json.put("format", e.format() == null ? null : e.format().id());
        json.put("source", e.source());
        json.put("gateway", e.gateway());
        json.put("messageId", e.messageId());
        json.put("receivedAt", e.receivedAt().toString());
        if (e.rssi() != null) {
            json.put("rssi", e.rssi());
        }
        json.put("rejectedAt", letter.rejectedAt().toString());
        json.put("reason", letter.reason().id());
        json.put("detail", letter.detail());
        json.put("attempts", letter.attempts());
        json.put("truncated", letter.truncated());
        json.put("payload", Base64.getEncoder().encodeToString(e.payload()));
        Path tmp = dir.resolve(letter.id() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            OwnerOnly.createFile(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(json)));
                ch.force(true);
            }
            Files.move(tmp, file(letter.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write dead letter " + letter.id() + " to " + dir, ex);
        }
    }

    private static DeadLetter read(JsonNode json) {
        Envelope e = new Envelope(
                json.hasNonNull("format") ? Format.of(json.get("format").asText()) : null,
                json.path("source").asText(),
                json.path("gateway").isNull() ? null : json.path("gateway").asText(null),
                json.path("messageId").isNull() ? null : json.path("messageId").asText(null),
                Instant.parse(json.path("receivedAt").asText()),
                Base64.getDecoder().decode(json.path("payload").asText()),
                json.hasNonNull("rssi") ? json.get("rssi").asInt() : null);
        return new DeadLetter(
                json.path("id").asText(),
                e,
                Instant.parse(json.path("rejectedAt").asText()),
                Reason.of(json.path("reason").asText()),
                json.path("detail").asText(),
                json.path("attempts").asInt(1),
                json.path("truncated").asBoolean(false));
    }

    private static Envelope cut(Envelope e) {
        return e.payload().length > MAX_PAYLOAD ? e.withPayload(Arrays.copyOf(e.payload(), MAX_PAYLOAD)) : e;
    }
}
