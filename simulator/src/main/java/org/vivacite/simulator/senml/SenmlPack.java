package org.vivacite.simulator.senml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SenML pack (RFC 8428) as a simulated sensor sends it, in JSON (§5) or CBOR (§6, integer
 * labels). Base fields go in the first record; numbers keep their kind: integers are written as
 * integers, decimals as floating point.
 *
 * <p>CBOR is written in RFC 8949's preferred serialization — definite lengths, the shortest
 * integer, and each float in the shortest of half, single and double precision that holds it
 * exactly — as the RFC's own example is. Jackson's CBOR writer has no half precision, hence the
 * few lines here.
 */
public final class SenmlPack {

    /** One measurement: a name (appended to the base name), a unit or none, a value, a time or none. */
    public record Record(String name, String unit, Number value, Number time) {}

    private String baseName;
    private Number baseTime;
    private String baseUnit;
    private Integer version;
    private final List<Record> records = new ArrayList<>();

    public SenmlPack baseName(String name) {
        this.baseName = name;
        return this;
    }

    public SenmlPack baseTime(Number seconds) {
        this.baseTime = seconds;
        return this;
    }

    public SenmlPack baseUnit(String unit) {
        this.baseUnit = unit;
        return this;
    }

    public SenmlPack version(int bver) {
        this.version = bver;
        return this;
    }

    public SenmlPack add(String name, String unit, Number value, Number time) {
        records.add(new Record(name, unit, value, time));
        return this;
    }

    /** The fields of each record, in order, keyed by their JSON label and CBOR label. */
    private List<Map<Label, Object>> fields() {
        if (records.isEmpty()) {
            throw new IllegalStateException("a SenML pack has at least one record");
        }
        List<Map<Label, Object>> all = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            Map<Label, Object> f = new LinkedHashMap<>();
            if (i == 0) {
                put(f, Label.BN, baseName);
                put(f, Label.BT, baseTime);
                put(f, Label.BU, baseUnit);
                put(f, Label.BVER, version);
            }
            put(f, Label.N, r.name());
            put(f, Label.U, r.unit());
            put(f, Label.T, r.time());
            put(f, Label.V, r.value());
            all.add(f);
        }
        return all;
    }

    private static void put(Map<Label, Object> f, Label label, Object value) {
        if (value != null) {
            f.put(label, value);
        }
    }

    private enum Label {
        BN("bn", -2),
        BT("bt", -3),
        BU("bu", -4),
        BVER("bver", -1),
        N("n", 0),
        U("u", 1),
        T("t", 6),
        V("v", 2);

        final String json;
        final int cbor;

        Label(String json, int cbor) {
            this.json = json;
            this.cbor = cbor;
        }
    }

    /** The pack as SenML JSON (application/senml+json). */
    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (Map<Label, Object> f : fields()) {
                g.writeStartObject();
                for (Map.Entry<Label, Object> e : f.entrySet()) {
                    g.writeFieldName(e.getKey().json);
                    if (e.getValue() instanceof String s) {
                        g.writeString(s);
                    } else if (e.getValue() instanceof Integer || e.getValue() instanceof Long) {
                        g.writeNumber(((Number) e.getValue()).longValue());
                    } else {
                        g.writeNumber(((Number) e.getValue()).doubleValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The pack as SenML CBOR (application/senml+cbor). */
    public byte[] cbor() {
        List<Map<Label, Object>> all = fields();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head(out, 4, all.size());
        for (Map<Label, Object> f : all) {
            head(out, 5, f.size());
            for (Map.Entry<Label, Object> e : f.entrySet()) {
                integer(out, e.getKey().cbor);
                Object v = e.getValue();
                if (v instanceof String s) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    head(out, 3, utf8.length);
                    out.writeBytes(utf8);
                } else if (v instanceof Integer || v instanceof Long) {
                    integer(out, ((Number) v).longValue());
                } else {
                    floating(out, ((Number) v).doubleValue());
                }
            }
        }
        return out.toByteArray();
    }

    private static void integer(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            head(out, 0, n);
        } else {
            head(out, 1, -1 - n);
        }
    }

    /** A major type and its argument, in the shortest form. */
    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int m = major << 5;
        if (argument < 24) {
            out.write(m | (int) argument);
        } else if (argument < 0x100) {
            out.write(m | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(m | 25);
            bigEndian(out, argument, 2);
        } else if (argument < 0x100000000L) {
            out.write(m | 26);
            bigEndian(out, argument, 4);
        } else {
            out.write(m | 27);
            bigEndian(out, argument, 8);
        }
    }

    /** The shortest of half, single and double precision that holds the value exactly. */
    private static void floating(ByteArrayOutputStream out, double d) {
        float f = (float) d;
        if (f == d || Double.isNaN(d)) {
            int half = half(f);
            if (half >= 0) {
                out.write(0xF9);
                bigEndian(out, half, 2);
            } else {
                out.write(0xFA);
                bigEndian(out, Float.floatToIntBits(f), 4);
            }
        } else {
            out.write(0xFB);
            bigEndian(out, Double.doubleToLongBits(d), 8);
        }
    }

    /** The IEEE 754 half-precision bits of {@code f}, or -1 if it has none that are exact. */
    static int half(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return sign | (mantissa == 0 ? 0x7C00 : 0x7E00); // infinity, NaN
        }
        if (exponent == 0 && mantissa == 0) {
            return sign;
        }
        int e = exponent - 127 + 15;
        if (e >= 31) {
            return -1;
        }
        if (e <= 0) { // a half-precision subnormal, if the bits fit
            int shift = 14 - e;
            int m = mantissa | 0x800000;
            if (exponent == 0 || shift > 24 || (m & ((1 << shift) - 1)) != 0) {
                return -1;
            }
            return sign | (m >> shift);
        }
        if ((mantissa & 0x1FFF) != 0) {
            return -1;
        }
        return sign | (e << 10) | (mantissa >> 13);
    }

    private static void bigEndian(ByteArrayOutputStream out, long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >> (8 * i)) & 0xFF);
        }
    }
}
