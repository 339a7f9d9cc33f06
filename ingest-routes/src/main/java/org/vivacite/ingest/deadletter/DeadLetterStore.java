package org.vivacite.ingest.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vivacite.ingest.Envelope;
import org.vivacite.ingest.Format;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * Inputs that were not written, one JSON file per payload in a directory under {@code {data}}
 * ({@code deadletter/}), owner-only: the payload's rejected units (base64), each one's reason,
 * format, source, gateway, message id, receipt time, rejection time. A file is written whole and
 * forced to disk before {@link #put} returns, so a rejection acknowledged to a sender is never
 * lost. Replayed letters that went through are moved to {@code replayed/}, not deleted.
 *
 * <p><b>Quotas</b> ({@link DeadLetterQuota}): {@link #admit} refuses a gateway whose waiting
 * letters, with the room reserved for the payloads it has in flight, leave no room for one more
 * letter of the largest size its payload can give ({@link #largestLetter}); {@link #put} refuses a
 * letter that would take the store past its total. Both throw {@link QuotaExceededException}. The
 * store counts its letters once, at the first need, and again (at most once a second) before it
 * refuses, so letters an operator removed by hand free their room.
 */
public final class DeadLetterStore {

    /** Payloads larger than this are kept cut to it (and marked so). */
    public static final int MAX_PAYLOAD = 16 << 20;

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[0-9]{8}T[0-9]{6}\\.[0-9]{3}Z-[0-9a-z]+");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(2 * MAX_PAYLOAD + 1024)
                    .build())
            .build());
    /** Room in a letter for what the metadata of its envelope does not give: digits of counts, times. */
    private static final int METADATA_SLACK = 256;
    /** The most bytes one kept detail takes in a letter: 3 per character of UTF-8, quotes and comma. */
    private static final int DETAIL_BYTES = 3 * DeadLetter.Units.DETAIL_LENGTH + 3;
    /** Metadata allowance of {@link #largestLetter(long)}, for checking settings. */
    private static final int TYPICAL_METADATA = 1024;
    /** At most one recount of the letters on disk per this many nanoseconds. */
    private static final long RECOUNT_NANOS = Duration.ofSeconds(1).toNanos();

    private final Path dir;
    private final DeadLetterQuota quota;
    private final AtomicLong sequence = new AtomicLong(System.nanoTime() & 0xFFFFFF);

    /** What the store holds, counted at the first need; guarded by this. */
    private Map<String, Kept> kept;

    private final Map<String, Usage> gateways = new HashMap<>();
    private long letters;
    private long bytes;
    private long countedAt;

    /** A waiting letter's gateway and file size. */
    private record Kept(String gateway, long bytes) {}

    /** Letters and bytes: of a gateway (with the room reserved for its payloads in flight), or of the store. */
    public record Usage(long letters, long bytes) {
        Usage plus(long l, long b) {
            return new Usage(letters + l, bytes + b);
        }
    }

    /** Room reserved for the letter an admitted payload may leave; closing releases it. */
    @FunctionalInterface
    public interface Admission extends AutoCloseable {
        /** Admits everything, reserving nothing: for sources that cannot be refused. */
        Admission NONE = () -> {};

        @Override
        void close();
    }

    /** A store without quotas: for the commands, which only replay what is there. */
    public DeadLetterStore(Path dir) {
        this(dir, DeadLetterQuota.NONE);
    }

    public DeadLetterStore(Path dir, DeadLetterQuota quota) {
        this.dir = dir;
        this.quota = Objects.requireNonNull(quota, "quota");
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

    public DeadLetterQuota quota() {
        return quota;
    }

    /** Keeps a payload rejected whole (one unit); returns its id once it is on disk. */
    public String put(Envelope input, Reason reason, String detail) {
        return put(input, input.payload().length, false, DeadLetter.Units.one(reason, detail));
    }

    /**
     * Keeps the rejected units of a payload as one letter; returns its id once it is on disk.
     *
     * @param input the envelope, its payload the rejected units in their order (cut to {@link
     *     #MAX_PAYLOAD} when longer: marked truncated)
     * @param size the size of the payload as received, or -1 if unknown
     * @param cut whether the payload given is already only the head of the one received
     * @param units each unit's reason and the first ones' details
     * @throws QuotaExceededException when the letter would take the store past its total
     */
    public String put(Envelope input, long size, boolean cut, DeadLetter.Units units) {
        Instant now = Instant.now();
        String id = STAMP.format(now) + "-" + Long.toString(sequence.incrementAndGet(), 36);
        boolean tooLong = input.payload().length > MAX_PAYLOAD;
        boolean truncated = cut || tooLong;
        Envelope e = tooLong ? input.withPayload(Arrays.copyOf(input.payload(), MAX_PAYLOAD)) : input;
        byte[] json = json(new DeadLetter(id, e, now, units, 1, truncated, size));
        String gateway = key(e.gateway());
        synchronized (this) {
            counted();
            if (!fitsTotal(json.length) && (!recount() || !fitsTotal(json.length))) {
                throw new QuotaExceededException(
                        "the dead-letter store holds " + letters + " letters of " + bytes
                                + " bytes in all: one more of "
                                + json.length + " bytes from gateway " + gateway + " would pass its total of "
                                + quota.totalLetters() + " letters (vivacite.ingest.dead-letters.total-letters) and "
                                + quota.totalBytes() + " bytes (vivacite.ingest.dead-letters.total-size); send again"
                                + " after " + quota.retryAfter().toSeconds() + " s",
                        gateway,
                        quota.retryAfter());
            }
            account(id, gateway, json.length);
        }
        try {
            writeFile(dir, id, json);
        } catch (UncheckedIOException ex) {
            synchronized (this) {
                unaccount(id);
            }
            throw ex;
        }
        return id;
    }

    /** Records another failed attempt of a letter (a replay that left units waiting), keeping its id. */
    public void retried(DeadLetter letter, DeadLetter.Units units) {
        DeadLetter again = new DeadLetter(
                letter.id(),
                letter.envelope(),
                Instant.now(),
                units,
                letter.attempts() + 1,
                letter.truncated(),
                letter.size());
        byte[] json = json(again);
        writeFile(dir, letter.id(), json);
        synchronized (this) {
            if (kept != null) {
                unaccount(letter.id());
                account(letter.id(), key(letter.envelope().gateway()), json.length);
            }
        }
    }

    /** Moves a letter whose units all went through on replay to {@code replayed/}, as they are now. */
    public void resolved(DeadLetter letter, DeadLetter.Units units) {
        DeadLetter done = new DeadLetter(
                letter.id(),
                letter.envelope(),
                letter.rejectedAt(),
                units,
                letter.attempts(),
                letter.truncated(),
                letter.size());
        try {
            Path replayed = OwnerOnly.directories(dir.resolve("replayed"));
            if (Files.notExists(file(letter.id()))) {
                return; // resolved by another replay meanwhile
            }
            writeFile(replayed, letter.id(), json(done));
            Files.deleteIfExists(file(letter.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move dead letter " + letter.id() + " to replayed/", e);
        }
        synchronized (this) {
            if (kept != null) {
                unaccount(letter.id());
            }
        }
    }

    /**
     * The letters kept in {@code replayed/} (all their units went through), oldest first: they hold
     * their payloads too, so a household's erasure looks at them as well.
     */
    public List<DeadLetter> replayed() {
        Path replayed = dir.resolve("replayed");
        if (!Files.isDirectory(replayed)) {
            return List.of();
        }
        List<DeadLetter> letters = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(replayed, "*.json")) {
            for (Path f : entries) {
                if (ID.matcher(f.getFileName().toString().replaceFirst("\\.json$", ""))
                        .matches()) {
                    letters.add(read(JSON.readTree(Files.readAllBytes(f))));
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the replayed dead letters in " + replayed, e);
        }
        letters.sort(java.util.Comparator.comparing(DeadLetter::id));
        return letters;
    }

    /**
     * Rewrites a letter (waiting or replayed) with only some of its units: {@code payload} holds
     * them in their order, {@code units} their reasons. With no unit left ({@code units} null), the
     * letter is deleted. For a household's erasure: the units of its meters go, its neighbours'
     * stay.
     */
    public void rewrite(DeadLetter letter, byte[] payload, DeadLetter.Units units) {
        boolean waiting = Files.exists(file(letter.id()));
        Path folder = waiting ? dir : dir.resolve("replayed");
        try {
            if (units == null) {
                Files.deleteIfExists(folder.resolve(letter.id() + ".json"));
                if (waiting) {
                    synchronized (this) {
                        if (kept != null) {
                            unaccount(letter.id());
                        }
                    }
                }
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete dead letter " + letter.id(), e);
        }
        byte[] json = json(new DeadLetter(
                letter.id(),
                letter.envelope().withPayload(payload),
                letter.rejectedAt(),
                units,
                letter.attempts(),
                letter.truncated(),
                letter.size()));
        writeFile(folder, letter.id(), json);
        if (waiting) {
            synchronized (this) {
                if (kept != null) {
                    unaccount(letter.id());
                    account(letter.id(), key(letter.envelope().gateway()), json.length);
                }
            }
        }
    }

    /**
     * Admits a payload of a gateway if its letters leave room for the largest letter the payload
     * can give, and reserves that room until closed. Call it before the payload is read, and close
     * it once its letter is written or it needs none.
     *
     * @throws QuotaExceededException when the gateway is at its quota
     */
    public Admission admit(Envelope payload) {
        String gateway = key(payload.gateway());
        long need = largestLetter(payload);
        synchronized (this) {
            counted();
            if (!fitsGateway(gateway, need) && (!recount() || !fitsGateway(gateway, need))) {
                Usage u = gateways.getOrDefault(gateway, new Usage(0, 0));
                throw new QuotaExceededException(
                        "gateway " + gateway + " has " + u.letters() + " dead letters of " + u.bytes()
                                + " bytes waiting or reserved, and this payload may leave one of up to " + need
                                + " bytes: its quota is " + quota.gatewayLetters()
                                + " letters (vivacite.ingest.dead-letters.gateway-letters) and "
                                + quota.gatewayBytes()
                                + " bytes (vivacite.ingest.dead-letters.gateway-size); send again after "
                                + quota.retryAfter().toSeconds()
                                + " s, once an operator has replayed or removed its letters",
                        gateway,
                        quota.retryAfter());
            }
            gateways.merge(gateway, new Usage(1, need), (a, b) -> a.plus(b.letters(), b.bytes()));
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false)) {
                synchronized (this) {
                    release(gateway, 1, need);
                }
            }
        };
    }

    /**
     * Whether a gateway is below its quota now (nothing reserved): for a door that cannot wait for
     * the payload. Before it says no, it counts the files again (at most once a second), so letters
     * removed by hand or by a command free their room.
     */
    public synchronized boolean admits(String gateway) {
        counted();
        String key = key(gateway);
        return below(key) || (recount() && below(key));
    }

    private boolean below(String gateway) {
        Usage u = gateways.getOrDefault(gateway, new Usage(0, 0));
        return u.letters() < quota.gatewayLetters() && u.bytes() < quota.gatewayBytes();
    }

    /** The letters waiting and the bytes of their files. */
    public synchronized Usage usage() {
        counted();
        return new Usage(letters, bytes);
    }

    /**
     * The most bytes the letter of a payload of that size can take with about 1 KiB of metadata:
     * a gateway quota of fewer bytes than this for the largest payload would refuse it for ever.
     */
    public static long largestLetter(long payloadBytes) {
        return TYPICAL_METADATA + largestBody(payloadBytes);
    }

    /** The most bytes the letter of this payload can take (its rejected units, at most all). */
    static long largestLetter(Envelope payload) {
        DeadLetter skeleton = new DeadLetter(
                STAMP.format(Instant.EPOCH) + "-" + Long.toString(Long.MAX_VALUE, 36),
                payload.withPayload(new byte[0]),
                Instant.now(),
                DeadLetter.Units.one(Reason.UNDECODABLE, ""),
                1,
                false,
                payload.payload().length);
        return json(skeleton).length + METADATA_SLACK + largestBody(payload.payload().length);
    }

    /** The payload in base64, one code per unit (a unit has at least one byte), the kept details. */
    private static long largestBody(long payloadBytes) {
        long p = Math.min(payloadBytes, MAX_PAYLOAD);
        long units = Math.max(1, p);
        return 4 * ((p + 2) / 3) + units + Math.min(units, DeadLetter.Units.DETAILS) * DETAIL_BYTES;
    }

    /** Every letter waiting, oldest first. */
    public List<DeadLetter> list() {
        return list(l -> true);
    }

    /** The letters waiting that match, oldest first, all in memory (payloads included). */
    public List<DeadLetter> list(Predicate<DeadLetter> filter) {
        return letters(filter).toList();
    }

    /**
     * The letters waiting that match, oldest first, read one at a time as the stream is consumed:
     * for views that keep only what they show of each (the store may hold gigabytes).
     */
    public Stream<DeadLetter> letters(Predicate<DeadLetter> filter) {
        return ids().stream().map(this::get).flatMap(Optional::stream).filter(filter);
    }

    /** The ids of the letters waiting, oldest first. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : entries) {
                String id = f.getFileName().toString().replaceFirst("\\.json$", "");
                if (ID.matcher(id).matches()) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the dead-letter store " + dir, e);
        }
        ids.sort(null);
        return ids;
    }

    /** The bytes a waiting letter's file takes (what counts against the quotas), 0 if it is not waiting. */
    public long storedBytes(String id) {
        if (!ID.matcher(id).matches()) {
            return 0;
        }
        try {
            return Files.size(file(id));
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dead letter " + id, e);
        }
    }

    /** The number of letters waiting. */
    public int size() {
        return ids().size();
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

    private static String key(String gateway) {
        return gateway == null ? "" : gateway;
    }

    private boolean fitsGateway(String gateway, long need) {
        Usage u = gateways.getOrDefault(gateway, new Usage(0, 0));
        return u.letters() + 1 <= quota.gatewayLetters() && u.bytes() + need <= quota.gatewayBytes();
    }

    private boolean fitsTotal(long size) {
        return letters + 1 <= quota.totalLetters() && bytes + size <= quota.totalBytes();
    }

    private void account(String id, String gateway, long size) {
        Kept previous = kept.put(id, new Kept(gateway, size));
        if (previous != null) {
            release(previous.gateway(), 1, previous.bytes());
            letters--;
            bytes -= previous.bytes();
        }
        gateways.merge(gateway, new Usage(1, size), (a, b) -> a.plus(b.letters(), b.bytes()));
        letters++;
        bytes += size;
    }

    private void unaccount(String id) {
        Kept k = kept.remove(id);
        if (k != null) {
            release(k.gateway(), 1, k.bytes());
            letters--;
            bytes -= k.bytes();
        }
    }

    private void release(String gateway, long l, long b) {
        gateways.computeIfPresent(gateway, (g, u) -> {
            Usage left = u.plus(-l, -b);
            return left.letters() <= 0 && left.bytes() <= 0 ? null : left;
        });
    }

    /** Counts the letters on disk the first time it is needed. */
    private void counted() {
        if (kept == null) {
            kept = new HashMap<>();
            recount();
        }
    }

    /**
     * Brings the count in line with the files: letters removed by hand are forgotten, letters
     * written by another process (a command) counted. At most once a second.
     *
     * @return whether it recounted
     */
    private boolean recount() {
        long now = System.nanoTime();
        if (countedAt != 0 && now - countedAt < RECOUNT_NANOS) {
            return false;
        }
        countedAt = now == 0 ? 1 : now;
        Set<String> onDisk = new HashSet<>(ids());
        for (String id : List.copyOf(kept.keySet())) {
            if (!onDisk.contains(id)) {
                unaccount(id);
            }
        }
        for (String id : onDisk) {
            if (!kept.containsKey(id)) {
                try {
                    account(id, gatewayOf(file(id)), Files.size(file(id)));
                } catch (NoSuchFileException e) {
                    // resolved meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot count dead letter " + id, e);
                }
            }
        }
        return true;
    }

    /** The gateway of a letter on disk, read from its head (the payload comes after it). */
    private static String gatewayOf(Path letter) throws IOException {
        try (JsonParser p = JSON.getFactory().createParser(letter.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("gateway")) {
                    return value == JsonToken.VALUE_NULL ? "" : p.getText();
                }
                p.skipChildren();
            }
            return "";
        }
    }

    private static byte[] json(DeadLetter letter) {
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
        json.put("attempts", letter.attempts());
        json.put("truncated", letter.truncated());
        json.put("size", letter.size());
        json.put("units", letter.units().codes());
        ArrayNode details = json.putArray("details");
        letter.units().details().forEach(details::add);
        json.put("payload", Base64.getEncoder().encodeToString(e.payload()));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write dead letter " + letter.id(), ex);
        }
    }

    private static void writeFile(Path dir, String id, byte[] json) {
        Path tmp = dir.resolve(id + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            OwnerOnly.createFile(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            Files.move(
                    tmp,
                    dir.resolve(id + ".json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write dead letter " + id + " to " + dir, ex);
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
        DeadLetter.Units units;
        if (json.hasNonNull("units")) {
            List<String> details = new ArrayList<>();
            json.path("details").forEach(d -> details.add(d.asText()));
            units = new DeadLetter.Units(json.get("units").asText(), details);
        } else { // a letter of one unit, as they were written before payloads were grouped
            units = DeadLetter.Units.one(
                    Reason.of(json.path("reason").asText()), json.path("detail").asText());
        }
        boolean truncated = json.path("truncated").asBoolean(false);
        return new DeadLetter(
                json.path("id").asText(),
                e,
                Instant.parse(json.path("rejectedAt").asText()),
                units,
                json.path("attempts").asInt(1),
                truncated,
                json.path("size").asLong(truncated ? -1 : e.payload().length));
    }
}
