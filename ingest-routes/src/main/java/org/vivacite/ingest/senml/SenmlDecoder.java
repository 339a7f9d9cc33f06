package org.vivacite.ingest.senml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vivacite.ingest.DecodedReading;

/**
 * Decodes SenML packs (RFC 8428) in JSON ({@code application/senml+json}, §5) and CBOR
 * ({@code application/senml+cbor}, §6, integer labels), resolves their records (§4.6), and maps them
 * to readings.
 *
 * <p>Resolution: base name, unit, value, sum and time apply to their record and those after it until
 * changed; name = base name + name; value = base value + value; sum = base sum + sum; time = base time
 * + time, and a time below 2<sup>28</sup> s is relative to now (the decoder's clock), §4.5.3. A record
 * carrying base fields only (no name, unit, value, sum or time) is not a record of its own. A version
 * ({@code bver}) above 10 is refused. Unknown labels ending in {@code _} (must understand, §4.4) and
 * unknown CBOR integer labels are refused; other unknown labels (such as {@code l}) are ignored, as
 * §4.4 allows.
 *
 * <p>Mapping (kept small on purpose): a record whose name's last segment (after the last {@code :} or
 * {@code /}) is {@code temperature} and whose unit is {@code Cel} is a {@code roomTemperature}, its
 * meter id the name without that segment and separator. Every other record comes back as
 * {@linkplain UnmappedRecord unmapped}, with a reason, for the caller to dead-letter.
 *
 * <p>Thread-safe.
 */
public final class SenmlDecoder {

    /** Times below this are relative to now (RFC 8428 §4.5.3). */
    static final BigDecimal RELATIVE_LIMIT = BigDecimal.valueOf(1L << 28);

    static final int VERSION = 10;
    static final String ROOM_TEMPERATURE = "roomTemperature";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][-:./_A-Za-z0-9]*");

    private enum Label {
        BVER("bver", -1),
        BN("bn", -2),
        BT("bt", -3),
        BU("bu", -4),
        BV("bv", -5),
        BS("bs", -6),
        N("n", 0),
        U("u", 1),
        V("v", 2),
        VS("vs", 3),
        VB("vb", 4),
        S("s", 5),
        T("t", 6),
        UT("ut", 7),
        VD("vd", 8);

        final String json;
        final int cbor;

        Label(String json, int cbor) {
            this.json = json;
            this.cbor = cbor;
        }

        boolean base() {
            return cbor < 0;
        }
    }

    private static final Map<String, Label> BY_JSON = Map.ofEntries(java.util.Arrays.stream(Label.values())
            .map(l -> Map.entry(l.json, l))
            .toArray(Map.Entry[]::new));
    private static final Map<String, Label> BY_CBOR = Map.ofEntries(java.util.Arrays.stream(Label.values())
            .map(l -> Map.entry(Integer.toString(l.cbor), l))
            .toArray(Map.Entry[]::new));

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final ObjectMapper cbor = new CBORMapper();
    private final Clock clock;

    /** A decoder whose "now", for relative times, is the system clock. */
    public SenmlDecoder() {
        this(Clock.systemUTC());
    }

    /** A decoder whose "now", for relative times, is the clock's. */
    public SenmlDecoder(Clock clock) {
        this.clock = clock;
    }

    /** Decodes, resolves and maps a SenML JSON pack. */
    public SenmlResult decodeJson(byte[] pack) {
        return map(resolveJson(pack));
    }

    /** Decodes, resolves and maps a SenML CBOR pack. */
    public SenmlResult decodeCbor(byte[] pack) {
        return map(resolveCbor(pack));
    }

    /** The resolved records of a SenML JSON pack. */
    public List<SenmlRecord> resolveJson(byte[] pack) {
        return resolve(read(json, pack, "SenML JSON"), false);
    }

    /** The resolved records of a SenML CBOR pack. */
    public List<SenmlRecord> resolveCbor(byte[] pack) {
        return resolve(read(cbor, pack, "SenML CBOR"), true);
    }

    /** Maps resolved records to readings; those no mapping knows come back unmapped. */
    public SenmlResult map(List<SenmlRecord> records) {
        List<DecodedReading> readings = new ArrayList<>();
        List<UnmappedRecord> unmapped = new ArrayList<>();
        for (SenmlRecord r : records) {
            int cut = Math.max(r.name().lastIndexOf(':'), r.name().lastIndexOf('/'));
            String segment = r.name().substring(cut + 1);
            if (!segment.equals("temperature") || !"Cel".equals(r.unit())) {
                unmapped.add(
                        new UnmappedRecord(r, "no mapping for a record named …" + segment + " in unit " + r.unit()));
            } else if (r.value() == null) {
                unmapped.add(new UnmappedRecord(r, "record " + r.name() + " has no numeric value"));
            } else if (cut <= 0) {
                unmapped.add(new UnmappedRecord(r, "record " + r.name() + " names no device before its last segment"));
            } else {
                readings.add(
                        DecodedReading.at(r.name().substring(0, cut), null, ROOM_TEMPERATURE, r.value(), r.time()));
            }
        }
        return new SenmlResult(readings, unmapped);
    }

    private static JsonNode read(ObjectMapper mapper, byte[] pack, String format) {
        try {
            JsonNode root = mapper.readTree(pack);
            if (root == null || !root.isArray()) {
                throw new SenmlException(format + " pack is not an array of records (RFC 8428 §4)");
            }
            return root;
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            // the parser's own message may quote the payload: it is left out
            throw new SenmlException(format + " pack is not well-formed (near byte " + offset + ")");
        } catch (IOException e) {
            throw new SenmlException(format + " pack cannot be read", e);
        }
    }

    private List<SenmlRecord> resolve(JsonNode pack, boolean cborLabels) {
        Instant now = clock.instant();
        String bn = "";
        BigDecimal bt = BigDecimal.ZERO;
        String bu = null;
        BigDecimal bv = null;
        BigDecimal bs = null;
        List<SenmlRecord> records = new ArrayList<>();
        for (int i = 0; i < pack.size(); i++) {
            JsonNode node = pack.get(i);
            String where = "record " + i;
            if (!node.isObject()) {
                throw new SenmlException(where + " is not a map of labels to values");
            }
            Fields f = fields(node, cborLabels, where);
            if (f.has(Label.BVER)) {
                long version = f.integer(Label.BVER);
                if (version > VERSION) {
                    throw new SenmlException(
                            where + " has version " + version + "; this decoder reads up to " + VERSION);
                }
            }
            if (f.has(Label.BN)) {
                bn = f.text(Label.BN);
            }
            if (f.has(Label.BT)) {
                bt = f.number(Label.BT);
            }
            if (f.has(Label.BU)) {
                bu = f.text(Label.BU);
            }
            if (f.has(Label.BV)) {
                bv = f.number(Label.BV);
            }
            if (f.has(Label.BS)) {
                bs = f.number(Label.BS);
            }
            if (f.baseOnly()) {
                continue;
            }
            int values = (f.has(Label.V) ? 1 : 0)
                    + (f.has(Label.VS) ? 1 : 0)
                    + (f.has(Label.VB) ? 1 : 0)
                    + (f.has(Label.VD) ? 1 : 0);
            if (values > 1) {
                throw new SenmlException(where + " has " + values + " values; at most one of v, vs, vb, vd is allowed");
            }
            if (values == 0 && !f.has(Label.S)) {
                throw new SenmlException(where + " has no value (v, vs, vb, vd) and no sum (s)");
            }
            String name = bn + (f.has(Label.N) ? f.text(Label.N) : "");
            if (!NAME.matcher(name).matches()) {
                throw new SenmlException(
                        where + " has name '" + name + "', which is empty or has characters RFC 8428 §4.5.1 forbids");
            }
            BigDecimal value = f.has(Label.V) ? add(bv, f.number(Label.V)) : null;
            BigDecimal sum = f.has(Label.S) ? add(bs, f.number(Label.S)) : null;
            BigDecimal t = bt.add(f.has(Label.T) ? f.number(Label.T) : BigDecimal.ZERO);
            Instant time = t.compareTo(RELATIVE_LIMIT) < 0 ? now.plus(toDuration(t)) : instant(t);
            records.add(new SenmlRecord(
                    name,
                    f.has(Label.U) ? f.text(Label.U) : bu,
                    value,
                    f.has(Label.VS) ? f.text(Label.VS) : null,
                    f.has(Label.VB) ? f.bool(Label.VB) : null,
                    f.has(Label.VD) ? f.text(Label.VD) : null,
                    sum,
                    time,
                    f.has(Label.UT) ? f.number(Label.UT) : null));
        }
        return records;
    }

    private static BigDecimal add(BigDecimal base, BigDecimal value) {
        return base == null ? value : base.add(value);
    }

    private static Instant instant(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static java.time.Duration toDuration(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return java.time.Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    private static Fields fields(JsonNode record, boolean cborLabels, String where) {
        Map<Label, JsonNode> fields = new java.util.EnumMap<>(Label.class);
        Iterator<Map.Entry<String, JsonNode>> it = record.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            boolean integerKey = key.matches("-?\\d+");
            Label label = cborLabels && integerKey ? BY_CBOR.get(key) : BY_JSON.get(key);
            if (label == null) {
                if (key.endsWith("_") || (cborLabels && integerKey)) {
                    throw new SenmlException(
                            where + " has label '" + key + "', which this decoder does not know and must understand");
                }
                continue; // RFC 8428 §4.4: other unknown labels are ignored
            }
            fields.put(label, e.getValue());
        }
        return new Fields(fields, where);
    }

    private record Fields(Map<Label, JsonNode> fields, String where) {

        boolean has(Label l) {
            return fields.containsKey(l);
        }

        boolean baseOnly() {
            return fields.keySet().stream().allMatch(Label::base);
        }

        String text(Label l) {
            JsonNode n = fields.get(l);
            if (!n.isTextual()) {
                throw wrongType(l, "a string");
            }
            return n.textValue();
        }

        boolean bool(Label l) {
            JsonNode n = fields.get(l);
            if (!n.isBoolean()) {
                throw wrongType(l, "a boolean");
            }
            return n.booleanValue();
        }

        long integer(Label l) {
            JsonNode n = fields.get(l);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw wrongType(l, "an integer");
            }
            return n.longValue();
        }

        BigDecimal number(Label l) {
            JsonNode n = fields.get(l);
            if (!n.isNumber()) {
                throw wrongType(l, "a number");
            }
            if (n.isFloat()) {
                float f = n.floatValue();
                if (!Float.isFinite(f)) {
                    throw wrongType(l, "a finite number");
                }
                return new BigDecimal(Float.toString(f));
            }
            if (n.isDouble()) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw wrongType(l, "a finite number");
                }
                return BigDecimal.valueOf(d);
            }
            return n.decimalValue();
        }

        private SenmlException wrongType(Label l, String expected) {
            return new SenmlException(where + " has " + l.json + " (" + l.cbor + ") that is not " + expected);
        }
    }
}
