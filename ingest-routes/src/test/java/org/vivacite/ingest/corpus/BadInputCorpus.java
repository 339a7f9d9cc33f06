package org.vivacite.ingest.corpus;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.vivacite.ingest.Format;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.simulator.dso.DataConnect;
import org.vivacite.simulator.dso.DsoCsv;
import org.vivacite.simulator.dso.DsoInterval;
import org.vivacite.simulator.senml.SenmlPack;
import org.vivacite.simulator.tic.TicFrames;
import org.vivacite.simulator.tic.TicGroup;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;
import org.vivacite.simulator.wmbus.WmbusTelegrams;

/**
 * A corpus of malformed meter inputs, every format, each <em>one</em> unit of the pipeline (one
 * wM-Bus line or binary telegram, one TIC frame, a CSV header and one row, one SenML pack, one
 * Data Connect document), so that each must end as exactly one dead letter: truncated, wrong CRC
 * or checksum, wrong key, missing key, garbage (seeded random bytes), wrong types, timestamps far
 * in the future, unknown meters, values out of range, empty payloads and two inputs larger than
 * the 16 MiB one message may carry. Deterministic: the same seed gives the same bytes.
 *
 * <p>The corpus assumes a registry ({@link #registryCsv()}) and keys ({@link #keys()},
 * {@link #keysCsv()}), so that what is wrong with an input is what its name says: "wrong key" is
 * a telegram of a registered meter encrypted with another key than the platform holds, "unknown
 * meter" an input that decodes (its key is held) but whose meter is not registered, "missing key"
 * a telegram of a meter whose key the platform does not hold. Its non-future times lie in
 * January–February 2026, so a clock from March 2026 to 2098 sees them in the past; future ones are
 * in 2099 or later. Every registered meter has sub-daily consent, so an input that wrongly got
 * through would be written, not withheld. {@link #valid()} gives one good input per format of
 * those meters, to check the routes still work after the corpus.
 *
 * <h2>Reuse from another module (the app's HTTP and MQTT routes)</h2>
 *
 * {@code ingest-routes} builds a test-jar; depend on it and on the simulator (test scope):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.vivacite</groupId>
 *   <artifactId>vivacite-ingest-routes</artifactId>
 *   <version>${project.version}</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.vivacite</groupId>
 *   <artifactId>vivacite-simulator</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * then register {@link #registryCsv()} (the registry's CSV) and make {@link #keysCsv()} the key
 * file ({@code meter_id,key_hex}, owner-only) before sending, and send each
 * {@link BadInput#payload()} as its own message on its format's route ({@link Format#id()}):
 *
 * <pre>{@code
 * BadInputCorpus corpus = BadInputCorpus.generate();
 * for (BadInputCorpus.BadInput in : corpus.inputs()) {
 *     // POST /ingest/{in.format().id()} with in.payload(), or publish on its MQTT topic;
 *     // then expect one dead letter with a reason in in.expected()
 * }
 * }</pre>
 *
 * A route may refuse a {@linkplain BadInput#huge() huge} input before the pipeline does (HTTP 413,
 * an MQTT broker's packet limit): filter those out, or expect the route's own answer. The reasons
 * expected are those of the pipeline ({@code IngestPipeline}) with the default options (16 MiB,
 * one day of margin for future times). {@code BadInputCorpusTest} is the reference run.
 */
public final class BadInputCorpus {

    /** The seed of {@link #generate()}. */
    public static final long SEED = 20_260_301L;

    /** The size above which the pipeline refuses a message whole. */
    public static final int MAX_PAYLOAD = 16 << 20;

    /**
     * One malformed input: a single unit of its format.
     *
     * @param name what is wrong with it, {@code format/what}: {@code wmbus/truncated-17-bytes}
     * @param format the format it is sent as
     * @param payload its bytes
     * @param expected the reasons it may be rejected with (one for most; a few for random garbage,
     *     which may fail any of a decoder's checks)
     */
    public record BadInput(String name, Format format, byte[] payload, Set<Reason> expected) {

        public BadInput {
            payload = payload.clone();
            expected = Collections.unmodifiableSet(EnumSet.copyOf(expected));
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** Whether it is larger than a message may be (a route may refuse it before the pipeline). */
        public boolean huge() {
            return payload.length > MAX_PAYLOAD;
        }

        @Override
        public String toString() {
            return name + " (" + payload.length + " bytes, expected " + expected + ")";
        }
    }

    /** A good input of a registered meter, and how many of its readings are written (the consent withholds the rest). */
    public record GoodInput(String name, Format format, byte[] payload, int readings) {
        public GoodInput {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }
    }

    /** The time zone of the registry and of the DSO's local times. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** A registered water meter whose key is held. */
    public static final String WATER = "21000001";
    /** A registered water meter whose key is not held. */
    public static final String KEYLESS_WATER = "21000002";
    /** A water meter whose key is held but that is not registered. */
    public static final String UNREGISTERED_WATER = "29000001";
    /** A registered Linky read in historic TIC mode. */
    public static final String LINKY_HISTORIC = "041876097622";
    /** A registered Linky read in standard TIC mode. */
    public static final String LINKY_STANDARD = "041876097623";
    /** The delivery point of {@link #LINKY_HISTORIC}, named by the DSO exports. */
    public static final String USAGE_POINT = "16401220101758";
    /** A registered room sensor (EUI-64). */
    public static final String SENSOR = "0024befffe804ff1";

    private static final String MANUFACTURER = "ZRI";
    private static final String REGISTRY_HEADER = "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,"
            + "wire_format,building,usage_point_id,consent,active_from,active_until";
    private static final String BUILDING = "BLDG0000CORP";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Random random;
    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private final List<BadInput> inputs = new ArrayList<>();
    private final List<GoodInput> valid = new ArrayList<>();
    private int access;

    private BadInputCorpus(long seed) {
        random = new Random(seed);
        keys.put(WATER, randomBytes(16));
        keys.put(UNREGISTERED_WATER, randomBytes(16));
        for (int i = 2; i <= 6; i++) {
            keys.put(unregistered(i), randomBytes(16));
        }
        wmbus();
        tic();
        senml();
        csv();
        dataConnect();
        huge();
        goodInputs();
        Set<String> names = new LinkedHashSet<>();
        for (BadInput in : inputs) {
            if (!names.add(in.name())) {
                throw new IllegalStateException("two inputs are named " + in.name());
            }
        }
    }

    /** The corpus of {@link #SEED}. */
    public static BadInputCorpus generate() {
        return new BadInputCorpus(SEED);
    }

    /** The corpus of another seed (the same structure, other random bytes and keys). */
    public static BadInputCorpus generate(long seed) {
        return new BadInputCorpus(seed);
    }

    /** Every malformed input, in a fixed order. */
    public List<BadInput> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** One good input per format, of registered meters whose keys are held. */
    public List<GoodInput> valid() {
        return Collections.unmodifiableList(valid);
    }

    /** The keys the platform holds, by meter id (16 bytes each). */
    public Map<String, byte[]> keys() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, k) -> copy.put(id, k.clone()));
        return copy;
    }

    /** The keys as a key file: {@code meter_id,key_hex}, as {@code vivacite simulate} writes {@code keys.csv}. */
    public String keysCsv() {
        StringBuilder s = new StringBuilder("meter_id,key_hex\n");
        keys.forEach((id, k) ->
                s.append(id).append(',').append(HexFormat.of().formatHex(k)).append('\n'));
        return s.toString();
    }

    /** The meters the corpus assumes registered, as the registry's CSV (all with sub-daily consent). */
    public String registryCsv() {
        return REGISTRY_HEADER + "\n"
                + String.join(
                        "\n",
                        WATER + "," + MANUFACTURER + ",water,DW-CORPUS-1,water-meter,waterVolume,wmbus," + BUILDING
                                + ",,PT30M,,",
                        KEYLESS_WATER + "," + MANUFACTURER + ",water,DW-CORPUS-2,water-meter,waterVolume,wmbus,"
                                + BUILDING + ",,PT30M,,",
                        LINKY_HISTORIC + ",SAG,electricity,DW-CORPUS-3,linky,electricityEnergyWithdrawn,tic," + BUILDING
                                + "," + USAGE_POINT + ",PT30M,,",
                        LINKY_STANDARD + ",SAG,electricity,DW-CORPUS-4,linky,electricityEnergyWithdrawn,tic," + BUILDING
                                + ",16401220101759,PT30M,,",
                        SENSOR + ",ACME,none,DW-CORPUS-5,room-sensor,roomTemperature,senml," + BUILDING + ",,PT30M,,")
                + "\n";
    }

    /** How many inputs of each format. */
    public Map<Format, Integer> countByFormat() {
        Map<Format, Integer> counts = new java.util.EnumMap<>(Format.class);
        inputs.forEach(in -> counts.merge(in.format(), 1, Integer::sum));
        return counts;
    }

    private static String unregistered(int i) {
        return String.format(Locale.ROOT, "2900000%d", i);
    }

    // ---------------------------------------------------------------------------------- helpers

    private void add(String name, Format format, byte[] payload, Reason first, Reason... more) {
        inputs.add(new BadInput(name, format, payload, EnumSet.of(first, more)));
    }

    private void add(String name, Format format, String payload, Reason first, Reason... more) {
        add(name, format, payload.getBytes(StandardCharsets.UTF_8), first, more);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Random bytes without any of {@code excluded} (they are replaced by other random bytes). */
    private byte[] randomBytesWithout(int n, int... excluded) {
        byte[] b = randomBytes(n);
        for (int i = 0; i < n; i++) {
            while (contains(excluded, b[i] & 0xFF)) {
                b[i] = (byte) random.nextInt(256);
            }
        }
        return b;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Random printable ASCII, without the characters listed. */
    private String randomText(int n, String excluded) {
        StringBuilder s = new StringBuilder(n);
        while (s.length() < n) {
            char c = (char) (0x20 + random.nextInt(0x5F));
            if (excluded.indexOf(c) < 0) {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static LocalDateTime feb(int day, int hour) {
        return LocalDateTime.of(2026, 2, day, hour, 0);
    }

    // ----------------------------------------------------------------------------------- wM-Bus

    /** A mode 5 water telegram: volume in litres (8 BCD digits), date and time, error flags. */
    private byte[] telegram(String id, byte[] key, long litres, LocalDateTime local) {
        return telegram(
                id,
                key,
                new DataRecords()
                        .bcd8(DataRecords.VOLUME_LITRES, litres)
                        .dateTime(local)
                        .errorFlags(0));
    }

    private byte[] telegram(String id, byte[] key, DataRecords records) {
        while (true) {
            byte[] t = WmbusTelegrams.encode(
                    new WmbusAddress(MANUFACTURER, Integer.parseInt(id), 1, WmbusAddress.WATER),
                    (access++) & 0xFF,
                    0,
                    true,
                    records,
                    key);
            // a ciphertext that begins 2F 2F would be read as already decrypted: not this corpus's point
            if (!(t[15] == 0x2F && t[16] == 0x2F)) {
                return t;
            }
        }
    }

    private byte[] good(long litres, LocalDateTime local) {
        return telegram(WATER, keys.get(WATER), litres, local);
    }

    private void wmbus() {
        Format f = Format.WMBUS;
        byte[] base = good(123_456, feb(10, 12));
        String hex = HEX.formatHex(base);

        // truncated: the L-field promises more than follows (hex lines and binary)
        for (int n : new int[] {1, 2, 5, 9, 10, 11, 12, 14, 15, 16, 17, 20, 25, 31, 38, 46}) {
            if (n < base.length) {
                add("wmbus/truncated-" + n + "-bytes", f, HEX.formatHex(base, 0, n), Reason.UNDECODABLE);
            }
        }
        for (int n : new int[] {13, 30, 44}) {
            add("wmbus/binary-truncated-" + n + "-bytes", f, Arrays.copyOf(base, n), Reason.UNDECODABLE);
        }
        add("wmbus/odd-number-of-hex-digits", f, hex.substring(0, hex.length() - 1), Reason.UNDECODABLE);
        add(
                "wmbus/hex-line-with-a-non-hex-digit",
                f,
                hex.substring(0, 20) + "G" + hex.substring(21),
                Reason.UNDECODABLE);

        // the link layer's length byte disagrees with the length
        for (int delta : new int[] {1, 2, 16, 100}) {
            byte[] t = base.clone();
            t[0] = (byte) Math.min(255, (t[0] & 0xFF) + delta);
            add("wmbus/length-byte-" + delta + "-too-large", f, HEX.formatHex(t), Reason.UNDECODABLE);
        }
        for (int delta : new int[] {1, 5, 16, 20, 30}) {
            byte[] t = base.clone();
            t[0] = (byte) ((t[0] & 0xFF) - delta);
            add("wmbus/length-byte-" + delta + "-too-small", f, HEX.formatHex(t), Reason.UNDECODABLE);
        }
        byte[] extended = base.clone();
        extended[0] = (byte) 0xFF;
        add("wmbus/length-byte-255", f, HEX.formatHex(extended), Reason.UNDECODABLE);

        // altered in transit (no CRC left to tell): the decrypted check bytes are not 2F 2F
        for (int i = 0; i < 16; i++) {
            byte[] t = good(100_000 + i, feb(11, i));
            int at = 15 + i;
            t[at] ^= (byte) (1 + random.nextInt(255));
            add("wmbus/check-bytes-not-2f2f-byte-" + at + "-altered", f, HEX.formatHex(t), Reason.WRONG_KEY);
        }
        // (an altered access number is not in the corpus: it changes the IV, hence only bytes 8 to 15
        // of the first decrypted block, which the 2F 2F check bytes do not cover; without the link
        // layer's CRCs, which gateways strip, mode 5 cannot tell)

        // wrong key: a registered meter's telegram encrypted with another key than the one held
        for (int i = 0; i < 10; i++) {
            byte[] t = telegram(WATER, randomBytes(16), 300_000 + i, feb(13, i));
            add("wmbus/wrong-key-" + i, f, i % 2 == 0 ? ascii(HEX.formatHex(t)) : t, Reason.WRONG_KEY);
        }

        // missing key: a registered meter without key, and meters nobody knows
        for (int i = 0; i < 4; i++) {
            byte[] t = telegram(KEYLESS_WATER, randomBytes(16), 400_000 + i, feb(14, i));
            add("wmbus/missing-key-registered-meter-" + i, f, HEX.formatHex(t), Reason.MISSING_KEY);
        }
        for (int i = 0; i < 4; i++) {
            String id = String.format(Locale.ROOT, "3100000%d", i);
            byte[] t = telegram(id, randomBytes(16), 500_000 + i, feb(14, i));
            add("wmbus/missing-key-unknown-meter-" + i, f, HEX.formatHex(t), Reason.MISSING_KEY);
        }

        // unknown meter: decrypts with a key the platform holds, but no registry row
        for (int i = 0; i < 6; i++) {
            String id = i == 0 ? UNREGISTERED_WATER : unregistered(i + 1);
            byte[] t = telegram(id, keys.get(id), 600_000 + i, feb(15, i));
            add("wmbus/unknown-meter-" + id + "-" + i, f, HEX.formatHex(t), Reason.UNKNOWN_METER);
        }

        // timestamps far in the future
        int y = 0;
        for (LocalDateTime t : new LocalDateTime[] {
            LocalDateTime.of(2099, 1, 1, 0, 0),
            LocalDateTime.of(2099, 12, 31, 23, 59),
            LocalDateTime.of(2150, 6, 15, 12, 0),
            LocalDateTime.of(2299, 12, 31, 23, 0),
            LocalDateTime.of(2100, 2, 28, 1, 0)
        }) {
            add("wmbus/future-" + t.getYear() + "-" + (y++), f, HEX.formatHex(good(700_000, t)), Reason.FUTURE_TIME);
        }

        // a value the check refuses: a cumulative register below zero
        for (int v : new int[] {-1, -123_456, Integer.MIN_VALUE}) {
            byte[] t = telegram(
                    WATER,
                    keys.get(WATER),
                    new DataRecords().int32(DataRecords.VOLUME_LITRES, v).dateTime(feb(16, 0)));
            add("wmbus/negative-volume-" + v, f, HEX.formatHex(t), Reason.INVALID_VALUE);
        }

        // decrypts, but carries no record that maps to a reading (error flags only)
        for (int i = 0; i < 2; i++) {
            byte[] t = telegram(
                    WATER, keys.get(WATER), new DataRecords().errorFlags(i).dateTime(feb(16, i)));
            add("wmbus/no-reading-in-the-records-" + i, f, HEX.formatHex(t), Reason.UNSUPPORTED);
        }

        // a manufacturer-specific telegram no driver reads
        for (int ci : new int[] {0xA1, 0xB6}) {
            byte[] t = base.clone();
            t[10] = (byte) ci;
            add("wmbus/manufacturer-specific-ci-" + Integer.toHexString(ci), f, HEX.formatHex(t), Reason.UNSUPPORTED);
        }

        // garbage: random bytes (binary) and random hex lines
        Set<Reason> anyDecoderReason = EnumSet.of(Reason.UNDECODABLE, Reason.UNSUPPORTED, Reason.MISSING_KEY);
        for (int i = 0; i < 8; i++) {
            int n = 1 + random.nextInt(i < 4 ? 40 : 300);
            byte[] g = randomBytes(n);
            g[random.nextInt(n)] = 0x01; // binary, not text: one telegram
            inputs.add(new BadInput("wmbus/garbage-binary-" + n + "-bytes-" + i, f, g, anyDecoderReason));
        }
        for (int i = 0; i < 6; i++) {
            int n = 11 + random.nextInt(120);
            inputs.add(new BadInput(
                    "wmbus/garbage-hex-" + n + "-bytes-" + i,
                    f,
                    ascii(HEX.formatHex(randomBytes(n))),
                    anyDecoderReason));
        }
        for (int i = 0; i < 4; i++) {
            String text = randomText(5 + random.nextInt(80), "#");
            add("wmbus/garbage-text-" + i, f, "Z" + text, Reason.UNDECODABLE);
        }

        // empty
        add("wmbus/empty", f, new byte[0], Reason.UNDECODABLE);
        add("wmbus/blank-line", f, "   ", Reason.UNDECODABLE);
        add("wmbus/only-newlines", f, "\n\r\n\n", Reason.UNDECODABLE);
    }

    // -------------------------------------------------------------------------------------- TIC

    private static List<TicGroup> historic(String adco, String base) {
        return List.of(
                new TicGroup("ADCO", adco),
                new TicGroup("OPTARIF", "BASE"),
                new TicGroup("ISOUSC", "45"),
                new TicGroup("BASE", base),
                new TicGroup("PTEC", "TH.."),
                new TicGroup("IINST", "002"),
                new TicGroup("IMAX", "090"),
                new TicGroup("PAPP", "00420"),
                new TicGroup("MOTDETAT", "000000"));
    }

    private static List<TicGroup> standard(String adsc, String horodate, String index) {
        return List.of(
                new TicGroup("ADSC", adsc),
                new TicGroup("VTIC", "02"),
                new TicGroup("DATE", horodate, ""),
                new TicGroup("NGTF", "      BASE      "),
                new TicGroup("LTARF", "       BASE     "),
                new TicGroup("EAST", index),
                new TicGroup("EASF01", index),
                new TicGroup("IRMS1", "002"),
                new TicGroup("URMS1", "231"),
                new TicGroup("SINSTS", "00420"),
                new TicGroup("PRM", "16401220101759"),
                new TicGroup("NTARF", "01"));
    }

    /** A frame whose datasets' checksums are replaced where {@code wrong} says. */
    private static byte[] withChecksums(
            TicFrames.Mode mode, List<TicGroup> groups, java.util.function.IntPredicate wrong) {
        StringBuilder s = new StringBuilder().append((char) 0x02);
        for (int i = 0; i < groups.size(); i++) {
            String d = TicFrames.dataset(mode, groups.get(i));
            if (wrong.test(i)) {
                char c = d.charAt(d.length() - 1);
                char other = (char) (0x20 + ((c - 0x20 + 1 + i) & 0x3F));
                d = d.substring(0, d.length() - 1) + other;
            }
            s.append('\n').append(d).append('\r');
        }
        return ascii(s.append((char) 0x03).toString());
    }

    private void tic() {
        Format f = Format.TIC;
        TicFrames.Mode h = TicFrames.Mode.HISTORIC;
        TicFrames.Mode s = TicFrames.Mode.STANDARD;
        byte[] hist = TicFrames.frame(h, historic(LINKY_HISTORIC, "012345678"));
        byte[] std = TicFrames.frame(s, standard(LINKY_STANDARD, "H260210120000", "012345678"));

        // truncated: the frame ends before its ETX (or an EOT interrupts it)
        for (int n : new int[] {1, 2, 10, 20, 40, 60, hist.length - 1}) {
            add("tic/historic-truncated-" + n + "-bytes", f, Arrays.copyOf(hist, n), Reason.UNDECODABLE);
        }
        for (int n : new int[] {3, 30, 90, 150, std.length - 1}) {
            add("tic/standard-truncated-" + n + "-bytes", f, Arrays.copyOf(std, n), Reason.UNDECODABLE);
        }
        byte[] eot = Arrays.copyOf(hist, 50);
        eot[49] = 0x04;
        add("tic/interrupted-by-eot", f, eot, Reason.UNDECODABLE);
        byte[] skipped = Arrays.copyOfRange(hist, 1, hist.length);
        add("tic/no-stx", f, skipped, Reason.UNDECODABLE);

        // wrong checksums: the meter's id, or every dataset
        add(
                "tic/historic-adco-checksum",
                f,
                withChecksums(h, historic(LINKY_HISTORIC, "012345678"), i -> i == 0),
                Reason.UNDECODABLE);
        add(
                "tic/historic-all-checksums",
                f,
                withChecksums(h, historic(LINKY_HISTORIC, "012345678"), i -> true),
                Reason.UNDECODABLE);
        add(
                "tic/standard-adsc-checksum",
                f,
                withChecksums(s, standard(LINKY_STANDARD, "H260210120000", "012345678"), i -> i == 0),
                Reason.UNDECODABLE);
        add(
                "tic/standard-all-checksums",
                f,
                withChecksums(s, standard(LINKY_STANDARD, "H260210120000", "012345678"), i -> true),
                Reason.UNDECODABLE);
        add(
                "tic/historic-index-checksum-and-no-other-reading",
                f,
                withChecksums(
                        h,
                        List.of(new TicGroup("ADCO", LINKY_HISTORIC), new TicGroup("BASE", "012345678")),
                        i -> i == 1),
                Reason.UNDECODABLE);
        add(
                "tic/standard-checksums-of-every-reading",
                f,
                withChecksums(s, standard(LINKY_STANDARD, "H260210120000", "012345678"), i -> i >= 5 && i <= 9),
                Reason.UNDECODABLE);
        byte[] flipped = hist.clone();
        flipped[3] ^= 0x01; // STX LF "ADCO…": the D of the label becomes E, its checksum no longer matches
        add("tic/bit-flip-in-adco", f, flipped, Reason.UNDECODABLE);

        // wrong types: an index that is not a number, the frame's only reading
        String[] notNumbers = {"ABCDEFGHI", "12.3.4567", "--1", "0x1F", "", "1 2 3"};
        for (int i = 0; i < notNumbers.length; i++) {
            add(
                    "tic/historic-base-not-a-number-" + i,
                    f,
                    TicFrames.frame(
                            h, List.of(new TicGroup("ADCO", LINKY_HISTORIC), new TicGroup("BASE", notNumbers[i]))),
                    Reason.UNDECODABLE);
        }
        add(
                "tic/standard-east-not-a-number",
                f,
                TicFrames.frame(s, List.of(new TicGroup("ADSC", LINKY_STANDARD), new TicGroup("EAST", "0123A5678"))),
                Reason.UNDECODABLE);
        add(
                "tic/papp-not-a-number",
                f,
                TicFrames.frame(h, List.of(new TicGroup("ADCO", LINKY_HISTORIC), new TicGroup("PAPP", "lots"))),
                Reason.UNDECODABLE);

        // no meter id
        add(
                "tic/no-adco",
                f,
                TicFrames.frame(h, historic(LINKY_HISTORIC, "012345678").subList(1, 9)),
                Reason.UNDECODABLE);
        add(
                "tic/empty-adco",
                f,
                TicFrames.frame(h, List.of(new TicGroup("ADCO", " "), new TicGroup("BASE", "012345678"))),
                Reason.UNDECODABLE);
        add("tic/empty-frame", f, new byte[] {0x02, 0x03}, Reason.UNDECODABLE);

        // timestamps far in the future (standard mode carries its time)
        for (String date : new String[] {"H990101000000", "E990615120000", "h991231235959"}) {
            add(
                    "tic/future-" + date,
                    f,
                    TicFrames.frame(s, standard(LINKY_STANDARD, date, "012345678")),
                    Reason.FUTURE_TIME);
        }

        // a value out of any meter's range
        add(
                "tic/index-out-of-range",
                f,
                TicFrames.frame(
                        h,
                        List.of(new TicGroup("ADCO", LINKY_HISTORIC), new TicGroup("BASE", "9999999999999999999999"))),
                Reason.INVALID_VALUE);

        // unknown meters
        for (String id : new String[] {"999999999999", "041876097699", "000000000000"}) {
            add(
                    "tic/historic-unknown-meter-" + id,
                    f,
                    TicFrames.frame(h, historic(id, "000123456")),
                    Reason.UNKNOWN_METER);
        }
        add(
                "tic/standard-unknown-meter",
                f,
                TicFrames.frame(s, standard("881976097623", "H260210120000", "000123456")),
                Reason.UNKNOWN_METER);

        // garbage: random bytes with no STX; random bytes inside one STX … ETX
        for (int i = 0; i < 5; i++) {
            add("tic/garbage-no-stx-" + i, f, randomBytesWithout(1 + random.nextInt(400), 0x02), Reason.UNDECODABLE);
        }
        for (int i = 0; i < 5; i++) {
            byte[] inside = randomBytesWithout(20 + random.nextInt(300), 0x02, 0x03, 0x04);
            byte[] g = new byte[inside.length + 2];
            g[0] = 0x02;
            System.arraycopy(inside, 0, g, 1, inside.length);
            g[g.length - 1] = 0x03;
            add("tic/garbage-in-a-frame-" + i, f, g, Reason.UNDECODABLE);
        }

        // empty
        add("tic/empty", f, new byte[0], Reason.UNDECODABLE);
        add("tic/only-newlines", f, "\n\r\n\r", Reason.UNDECODABLE);
    }

    // ------------------------------------------------------------------------------------ SenML

    private static final long FEB_10 = LocalDateTime.of(2026, 2, 10, 12, 0).toEpochSecond(java.time.ZoneOffset.UTC);
    private static final long YEAR_2099 = LocalDateTime.of(2099, 1, 1, 0, 0).toEpochSecond(java.time.ZoneOffset.UTC);

    private static SenmlPack pack(String eui, Number baseTime, String unit, Number value) {
        return new SenmlPack()
                .baseName("urn:dev:mac:" + eui + ":")
                .baseTime(baseTime)
                .add("temperature", unit, value, null);
    }

    private static String json(String records) {
        return "[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":" + FEB_10 + "," + records + "}]";
    }

    private void senml() {
        Format f = Format.SENML;
        byte[] goodJson = pack(SENSOR, FEB_10, "Cel", 21.5).json();
        byte[] goodCbor = pack(SENSOR, FEB_10, "Cel", 21.5).cbor();

        // truncated
        for (int n : new int[] {1, 2, 10, 30, 60, goodJson.length - 2, goodJson.length - 1}) {
            add("senml/json-truncated-" + n + "-bytes", f, Arrays.copyOf(goodJson, n), Reason.UNDECODABLE);
        }
        for (int n : new int[] {1, 5, 20, goodCbor.length - 1}) {
            add("senml/cbor-truncated-" + n + "-bytes", f, Arrays.copyOf(goodCbor, n), Reason.UNDECODABLE);
        }

        // wrong types
        String[][] wrong = {
            {"value-is-text", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":\"abc\""},
            {"value-is-boolean", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":true"},
            {"value-is-null", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":null"},
            {"value-is-object", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":{\"x\":1}"},
            {"value-is-array", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":[21.5]"},
            {"time-is-text", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5,\"t\":\"now\""},
            {"name-is-number", "\"n\":5,\"u\":\"Cel\",\"v\":21.5"},
            {"unit-is-number", "\"n\":\"temperature\",\"u\":3,\"v\":21.5"},
            {"sum-is-text", "\"n\":\"temperature\",\"u\":\"Cel\",\"s\":\"x\""},
            {"base-value-is-text", "\"bv\":\"1\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5"},
            {"two-values", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5,\"vs\":\"21.5\""},
            {"no-value", "\"n\":\"temperature\",\"u\":\"Cel\""},
            {"name-with-spaces", "\"n\":\"tem perature\",\"u\":\"Cel\",\"v\":21.5"},
            {"must-understand-label", "\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5,\"foo_\":1"},
            {"version-too-high", "\"bver\":11,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5"},
            {"version-is-text", "\"bver\":\"x\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5"},
        };
        for (String[] w : wrong) {
            add("senml/" + w[0], f, json(w[1]), Reason.UNDECODABLE);
        }
        add(
                "senml/base-time-is-text",
                f,
                "[{\"bn\":\"urn:dev:mac:" + SENSOR
                        + ":\",\"bt\":\"x\",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]",
                Reason.UNDECODABLE);
        add(
                "senml/base-name-is-array",
                f,
                "[{\"bn\":[],\"bt\":" + FEB_10 + ",\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1}]",
                Reason.UNDECODABLE);
        add(
                "senml/base-time-overflows",
                f,
                "[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":1e30,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]",
                Reason.UNDECODABLE);
        add("senml/cbor-value-is-text", f, cborWithTextValue(), Reason.UNDECODABLE);

        // not a pack of records
        add("senml/object-not-array", f, "{\"n\":\"temperature\",\"v\":1}", Reason.UNDECODABLE);
        add("senml/array-of-numbers", f, "[1,2,3]", Reason.UNDECODABLE);
        add("senml/empty-array", f, "[]", Reason.UNDECODABLE);
        add("senml/array-of-an-empty-record", f, "[{}]", Reason.UNDECODABLE);
        add("senml/json-string", f, "\"temperature\"", Reason.UNDECODABLE);

        // timestamps far in the future
        add("senml/json-future-2099", f, pack(SENSOR, YEAR_2099, "Cel", 21.5).json(), Reason.FUTURE_TIME);
        add("senml/cbor-future-2099", f, pack(SENSOR, YEAR_2099, "Cel", 21.5).cbor(), Reason.FUTURE_TIME);
        add(
                "senml/json-future-2500",
                f,
                pack(SENSOR, 16_725_225_600L, "Cel", 21.5).json(),
                Reason.FUTURE_TIME);

        // values out of any meter's range
        add(
                "senml/value-out-of-range",
                f,
                json("\"n\":\"temperature\",\"u\":\"Cel\",\"v\":1e300"),
                Reason.INVALID_VALUE);
        add(
                "senml/value-below-range",
                f,
                json("\"n\":\"temperature\",\"u\":\"Cel\",\"v\":-1e16"),
                Reason.INVALID_VALUE);

        // times far in the past (relative to now, RFC 8428 §4.5.3: negative base times)
        add(
                "senml/time-317-years-ago",
                f,
                "[{\"bn\":\"urn:dev:mac:" + SENSOR
                        + ":\",\"bt\":-1e10,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]",
                Reason.INVALID_VALUE);
        add(
                "senml/time-31-million-years-ago",
                f,
                "[{\"bn\":\"urn:dev:mac:" + SENSOR
                        + ":\",\"bt\":-1e15,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5}]",
                Reason.INVALID_VALUE);

        // a record no mapping knows
        add("senml/temperature-in-kelvin", f, pack(SENSOR, FEB_10, "K", 294.6).json(), Reason.UNSUPPORTED);

        // unknown meters
        for (String eui : new String[] {"0024befffe80ffff", "0000000000000000", "ffffffffffffffff"}) {
            add(
                    "senml/json-unknown-meter-" + eui,
                    f,
                    pack(eui, FEB_10, "Cel", 20).json(),
                    Reason.UNKNOWN_METER);
        }
        add(
                "senml/cbor-unknown-meter",
                f,
                pack("0024befffe80aaaa", FEB_10, "Cel", 19.5).cbor(),
                Reason.UNKNOWN_METER);

        // garbage
        for (int i = 0; i < 5; i++) {
            byte[] g = randomBytesWithout(1 + random.nextInt(200), '[', '{', ' ', '\n', '\r', '\t');
            add("senml/garbage-binary-" + i, f, g, Reason.UNDECODABLE);
        }
        for (int i = 0; i < 3; i++) {
            add(
                    "senml/garbage-json-" + i,
                    f,
                    "[{\"bn\":" + randomText(10 + random.nextInt(60), ""),
                    Reason.UNDECODABLE);
        }

        // empty
        add("senml/empty", f, new byte[0], Reason.UNDECODABLE);
        add("senml/whitespace", f, " \n\t ", Reason.UNDECODABLE);
    }

    /** A CBOR pack whose value (label 2) is a text string. */
    private static byte[] cborWithTextValue() {
        byte[] name = ("urn:dev:mac:" + SENSOR + ":temperature").getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0x81); // array of 1
        out.write(0xA3); // map of 3
        out.write(0x00); // n
        out.write(0x78);
        out.write(name.length);
        out.writeBytes(name);
        out.write(0x01); // u
        out.write(0x63);
        out.writeBytes("Cel".getBytes(StandardCharsets.US_ASCII));
        out.write(0x02); // v
        out.write(0x63);
        out.writeBytes("abc".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // -------------------------------------------------------------------------------------- CSV

    private static final String CSV_HEADER = DsoCsv.HEADER;

    private static String csvRow(String point, String start, String end, String value, String unit) {
        return CSV_HEADER + point + "," + start + "," + end + "," + value + "," + unit + "\n";
    }

    private void csv() {
        Format f = Format.CSV;
        String start = "2026-02-10T00:00:00+01:00";
        String end = "2026-02-10T00:30:00+01:00";
        String row = USAGE_POINT + "," + start + "," + end + ",540,W";

        // truncated
        for (int n : new int[] {5, 20, 30, 45, row.length() - 2}) {
            add("csv/row-truncated-" + n + "-chars", f, CSV_HEADER + row.substring(0, n) + "\n", Reason.UNDECODABLE);
        }
        add("csv/header-truncated", f, CSV_HEADER.substring(0, 20), Reason.UNDECODABLE);
        add("csv/header-only", f, CSV_HEADER, Reason.UNDECODABLE);

        // wrong types
        String[][] values = {
            {"value-not-a-number", "abc", "W"},
            {"value-empty", "", "W"},
            {"value-nan", "NaN", "W"},
            {"value-infinity", "Infinity", "W"},
            {"value-with-comma", "5,40", "W"},
            {"value-with-unit", "540W", "W"},
            {"unit-unknown", "540", "kW"},
            {"unit-empty", "540", ""},
        };
        for (String[] v : values) {
            add("csv/" + v[0], f, csvRow(USAGE_POINT, start, end, v[1], v[2]), Reason.UNDECODABLE);
        }
        String[][] dates = {
            {"start-not-a-date", "yesterday", end},
            {"start-month-13", "2026-13-10T00:00:00+01:00", end},
            {"start-without-offset", "2026-02-10T00:00:00", end},
            {"start-date-only", "2026-02-10", end},
            {"end-empty", start, ""},
            {"end-before-start", end, start},
            {"end-equals-start", start, start},
        };
        for (String[] d : dates) {
            add("csv/" + d[0], f, csvRow(USAGE_POINT, d[1], d[2], "540", "W"), Reason.UNDECODABLE);
        }
        add("csv/too-few-fields", f, CSV_HEADER + USAGE_POINT + "," + start + ",540\n", Reason.UNDECODABLE);
        add("csv/too-many-fields", f, CSV_HEADER + row + ",extra\n", Reason.UNDECODABLE);
        add("csv/wrong-header", f, "meter,start,end,value,unit\n" + row + "\n", Reason.UNDECODABLE);
        add("csv/semicolons", f, CSV_HEADER.replace(',', ';') + row.replace(',', ';') + "\n", Reason.UNDECODABLE);

        // timestamps far in the future
        add(
                "csv/future-2099-load-curve",
                f,
                csvRow(USAGE_POINT, "2099-02-10T00:00:00+01:00", "2099-02-10T00:30:00+01:00", "540", "W"),
                Reason.FUTURE_TIME);
        add(
                "csv/future-2099-day",
                f,
                csvRow(USAGE_POINT, "2099-02-10T00:00:00+01:00", "2099-02-11T00:00:00+01:00", "12345", "Wh"),
                Reason.FUTURE_TIME);
        add(
                "csv/ends-in-2099",
                f,
                csvRow(USAGE_POINT, start, "2099-02-11T00:00:00+01:00", "12345", "Wh"),
                Reason.FUTURE_TIME);

        // times far in the past, down to the first instant an offset date-time can write
        add(
                "csv/year-1",
                f,
                csvRow(USAGE_POINT, "0001-02-10T00:00:00+01:00", "0001-02-10T00:30:00+01:00", "540", "W"),
                Reason.INVALID_VALUE);
        add(
                "csv/year-1969",
                f,
                csvRow(USAGE_POINT, "1969-12-31T00:00:00+01:00", "1970-01-01T00:00:00+01:00", "12345", "Wh"),
                Reason.INVALID_VALUE);
        add(
                "csv/start-at-the-beginning-of-time",
                f,
                csvRow(USAGE_POINT, "-999999999-01-01T00:00:00+18:00", "2026-02-10T00:30:00+01:00", "540", "W"),
                Reason.INVALID_VALUE);

        // values out of any meter's range
        add("csv/power-out-of-range", f, csvRow(USAGE_POINT, start, end, "1e20", "W"), Reason.INVALID_VALUE);
        add(
                "csv/energy-out-of-range",
                f,
                csvRow(USAGE_POINT, "2026-02-10T00:00:00+01:00", "2026-02-11T00:00:00+01:00", "-1e19", "Wh"),
                Reason.INVALID_VALUE);

        // unknown meters
        for (String point : new String[] {"99999999999999", "16401220101700", "X"}) {
            add("csv/unknown-usage-point-" + point, f, csvRow(point, start, end, "540", "W"), Reason.UNKNOWN_METER);
        }

        // garbage
        for (int i = 0; i < 5; i++) {
            add(
                    "csv/garbage-binary-" + i,
                    f,
                    randomBytesWithout(1 + random.nextInt(300), '\n', '\r'),
                    Reason.UNDECODABLE);
        }
        for (int i = 0; i < 3; i++) {
            add(
                    "csv/garbage-row-" + i,
                    f,
                    CSV_HEADER + randomText(10 + random.nextInt(80), "\n") + "\n",
                    Reason.UNDECODABLE);
        }

        // empty
        add("csv/empty", f, new byte[0], Reason.UNDECODABLE);
        add("csv/blank-lines", f, "\n\n  \n", Reason.UNDECODABLE);
    }

    // ----------------------------------------------------------------------------- Data Connect

    private static String meterReading(String point, String unit, String entries) {
        return "{\"meter_reading\":{\"usage_point_id\":\"" + point
                + "\",\"start\":\"2026-02-10\",\"end\":\"2026-02-11\",\"quality\":\"BRUT\","
                + "\"reading_type\":{\"measurement_kind\":\"power\",\"unit\":\"" + unit
                + "\",\"aggregate\":\"average\"},\"interval_reading\":[" + entries + "]}}";
    }

    private static String point(String value, String date) {
        return "{\"value\":" + value + ",\"date\":" + date + ",\"interval_length\":\"PT30M\",\"measure_type\":\"B\"}";
    }

    private void dataConnect() {
        Format f = Format.DATACONNECT;
        String ok = point("\"540\"", "\"2026-02-10 00:30:00\"");
        byte[] good = DataConnect.meterReading(
                USAGE_POINT,
                LocalDate.of(2026, 2, 10),
                LocalDate.of(2026, 2, 11),
                List.of(new DsoInterval(
                        USAGE_POINT,
                        LocalDate.of(2026, 2, 10).atStartOfDay(ZONE),
                        java.time.Duration.ofMinutes(30),
                        270)));

        // truncated
        for (int n : new int[] {1, 15, 60, 120, good.length / 2, good.length - 3, good.length - 1}) {
            add("dataconnect/truncated-" + n + "-bytes", f, Arrays.copyOf(good, n), Reason.UNDECODABLE);
        }

        // wrong types
        String[][] values = {
            {"value-is-object", "{\"v\":540}"},
            {"value-is-array", "[540]"},
            {"value-is-text", "\"abc\""},
            {"value-is-boolean", "true"},
            {"value-is-null", "null"},
            {"value-is-empty", "\"\""},
        };
        for (String[] v : values) {
            add(
                    "dataconnect/" + v[0],
                    f,
                    meterReading(USAGE_POINT, "W", point(v[1], "\"2026-02-10 00:30:00\"")),
                    Reason.UNDECODABLE);
        }
        String[][] dates = {
            {"date-is-number", "20260210"},
            {"date-is-text", "\"tomorrow\""},
            {"date-is-iso-instant", "\"2026-02-10T00:30:00Z\""},
            {"date-is-object", "{}"},
            {"date-missing-time", "\"2026-02-10\""},
        };
        for (String[] d : dates) {
            add("dataconnect/" + d[0], f, meterReading(USAGE_POINT, "W", point("\"540\"", d[1])), Reason.UNDECODABLE);
        }
        add(
                "dataconnect/interval-length-not-a-duration",
                f,
                meterReading(USAGE_POINT, "W", ok.replace("PT30M", "30 minutes")),
                Reason.UNDECODABLE);
        add(
                "dataconnect/interval-length-zero",
                f,
                meterReading(USAGE_POINT, "W", ok.replace("PT30M", "PT0S")),
                Reason.UNDECODABLE);
        add(
                "dataconnect/interval-length-negative",
                f,
                meterReading(USAGE_POINT, "W", ok.replace("PT30M", "-PT30M")),
                Reason.UNDECODABLE);
        add("dataconnect/unit-unknown", f, meterReading(USAGE_POINT, "kW", ok), Reason.UNDECODABLE);
        add(
                "dataconnect/daily-date-not-a-day",
                f,
                meterReading(USAGE_POINT, "Wh", "{\"value\":\"12345\",\"date\":\"10/02/2026\"}"),
                Reason.UNDECODABLE);
        add(
                "dataconnect/interval-reading-is-object",
                f,
                "{\"meter_reading\":{\"usage_point_id\":\"" + USAGE_POINT
                        + "\",\"reading_type\":{\"unit\":\"W\"},\"interval_reading\":" + ok + "}}",
                Reason.UNDECODABLE);
        add(
                "dataconnect/usage-point-is-object",
                f,
                meterReading(USAGE_POINT, "W", ok)
                        .replace("\"" + USAGE_POINT + "\"", "{\"id\":\"" + USAGE_POINT + "\"}"),
                Reason.UNDECODABLE);
        add("dataconnect/no-usage-point", f, meterReading("", "W", ok), Reason.UNDECODABLE);
        add("dataconnect/no-meter-reading", f, "{\"usage_point_id\":\"" + USAGE_POINT + "\"}", Reason.UNDECODABLE);
        add("dataconnect/top-level-array", f, "[" + meterReading(USAGE_POINT, "W", ok) + "]", Reason.UNDECODABLE);
        add("dataconnect/no-interval-reading", f, meterReading(USAGE_POINT, "W", ""), Reason.UNDECODABLE);
        add(
                "dataconnect/one-good-one-bad-point",
                f,
                meterReading(USAGE_POINT, "W", ok + "," + point("\"x\"", "\"2026-02-10 01:00:00\"")),
                Reason.UNDECODABLE);

        // timestamps far in the future
        add(
                "dataconnect/future-2099-load-curve",
                f,
                meterReading(USAGE_POINT, "W", point("\"540\"", "\"2099-02-10 00:30:00\"")),
                Reason.FUTURE_TIME);
        add(
                "dataconnect/future-2099-day",
                f,
                meterReading(USAGE_POINT, "Wh", "{\"value\":\"12345\",\"date\":\"2099-02-10\"}"),
                Reason.FUTURE_TIME);

        // times far in the past
        add(
                "dataconnect/day-in-year-1",
                f,
                meterReading(USAGE_POINT, "Wh", "{\"value\":\"12345\",\"date\":\"0001-02-10\"}"),
                Reason.INVALID_VALUE);
        add(
                "dataconnect/interval-of-250-million-years",
                f,
                meterReading(USAGE_POINT, "W", ok.replace("PT30M", "PT8000000000000000S")),
                Reason.INVALID_VALUE);

        // values out of any meter's range
        add(
                "dataconnect/value-out-of-range",
                f,
                meterReading(USAGE_POINT, "W", point("\"1e20\"", "\"2026-02-10 00:30:00\"")),
                Reason.INVALID_VALUE);

        // unknown meters
        for (String p : new String[] {"99999999999999", "16401220101700", "00000000000000"}) {
            add("dataconnect/unknown-usage-point-" + p, f, meterReading(p, "W", ok), Reason.UNKNOWN_METER);
        }

        // garbage
        for (int i = 0; i < 4; i++) {
            add("dataconnect/garbage-binary-" + i, f, randomBytes(1 + random.nextInt(300)), Reason.UNDECODABLE);
        }
        for (int i = 0; i < 2; i++) {
            add(
                    "dataconnect/garbage-json-" + i,
                    f,
                    "{\"meter_reading\":" + randomText(20 + random.nextInt(60), ""),
                    Reason.UNDECODABLE);
        }

        // empty
        add("dataconnect/empty", f, new byte[0], Reason.UNDECODABLE);
        add("dataconnect/empty-object", f, "{}", Reason.UNDECODABLE);
    }

    // ------------------------------------------------------------------------------------- huge

    private void huge() {
        // a gateway's batch of hex lines, one byte over the limit
        byte[] line = ascii(HEX.formatHex(good(1, feb(20, 0))) + "\n");
        byte[] lines = new byte[MAX_PAYLOAD + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line[i % line.length];
        }
        add("wmbus/huge-16-mib-plus-1", Format.WMBUS, lines, Reason.TOO_LARGE);

        // a SenML pack of 17 MiB
        StringBuilder pack = new StringBuilder("[{\"bn\":\"urn:dev:mac:" + SENSOR + ":\",\"bt\":" + FEB_10 + "}");
        String record = ",{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":21.5,\"t\":0}";
        while (pack.length() < MAX_PAYLOAD + (1 << 20)) {
            pack.append(record);
        }
        add("senml/huge-17-mib", Format.SENML, pack.append(']').toString(), Reason.TOO_LARGE);
    }

    // ------------------------------------------------------------------------------------- good

    private void goodInputs() {
        valid.add(new GoodInput("wmbus/valid", Format.WMBUS, ascii(HEX.formatHex(good(123_789, feb(21, 6)))), 1));
        valid.add(new GoodInput(
                "tic/valid",
                Format.TIC,
                TicFrames.frame(TicFrames.Mode.STANDARD, standard(LINKY_STANDARD, "H260221060000", "012345999")),
                2)); // EAST, EASF01; IRMS1, URMS1, SINSTS withheld (samples of a supply, finer than PT30M)
        valid.add(new GoodInput(
                "senml/valid",
                Format.SENML,
                pack(SENSOR, FEB_10 + 3600, "Cel", 20.5).json(),
                1));
        valid.add(new GoodInput(
                "csv/valid",
                Format.CSV,
                csvRow(USAGE_POINT, "2026-02-21T06:00:00+01:00", "2026-02-21T06:30:00+01:00", "540", "W")
                        .getBytes(StandardCharsets.UTF_8),
                1));
        valid.add(new GoodInput(
                "dataconnect/valid",
                Format.DATACONNECT,
                meterReading(USAGE_POINT, "W", point("\"610\"", "\"2026-02-21 07:00:00\""))
                        .getBytes(StandardCharsets.UTF_8),
                1));
    }
}
