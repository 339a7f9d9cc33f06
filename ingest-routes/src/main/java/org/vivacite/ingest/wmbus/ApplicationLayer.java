package org.vivacite.ingest.wmbus;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openmuc.jmbus.DataRecord;
import org.openmuc.jmbus.DataRecord.Description;
import org.openmuc.jmbus.DataRecord.FunctionField;
import org.openmuc.jmbus.DecodingException;
import org.openmuc.jmbus.DlmsUnit;
import org.openmuc.jmbus.VariableDataStructure;
import org.vivacite.ingest.DecodedReading;

/**
 * Reads EN 13757-3 data records and maps the main registers to the registry's quantities. Each
 * record is cut out here and decoded by jMBus on its own, so that one record jMBus cannot read
 * (a manufacturer's VIF, say) does not lose the others.
 */
final class ApplicationLayer {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal JOULES_PER_KWH = BigDecimal.valueOf(3_600_000);

    private ApplicationLayer() {}

    /** One record's bytes: DIF, DIFEs, VIF, VIFEs, data. */
    record RawRecord(byte[] bytes, int vibStart, int dataStart) {
        int dif() {
            return bytes[0] & 0xFF;
        }

        int vif() {
            return bytes[vibStart] & 0xFF;
        }
    }

    /** Cuts the records out of the plain application data; stops at manufacturer data or a truncated record. */
    static List<RawRecord> split(byte[] data, int from) {
        List<RawRecord> records = new ArrayList<>();
        walk(data, from, records);
        return records;
    }

    /** The data after a DIF 0F or 1F (manufacturer-specific data up to the end), or empty. */
    static byte[] manufacturerTail(byte[] data) {
        int stop = walk(data, 0, new ArrayList<>());
        return stop < data.length && (data[stop] & 0xEF) == 0x0F
                ? Arrays.copyOfRange(data, stop + 1, data.length)
                : new byte[0];
    }

    /** Adds the records from {@code from} on to {@code records}; returns where it stopped. */
    private static int walk(byte[] data, int from, List<RawRecord> records) {
        int i = from;
        while (i < data.length) {
            int dif = data[i] & 0xFF;
            if (dif == 0x2F) {
                i++;
                continue;
            }
            if ((dif & 0xEF) == 0x0F) {
                break; // manufacturer-specific data up to the end
            }
            int j = headerEnd(data, i);
            if (j < 0) {
                break;
            }
            int vibStart = vibStart(data, i);
            int length = dataLength(dif & 0x0F, data, j);
            if (length < 0 || j + length > data.length) {
                break;
            }
            records.add(new RawRecord(Arrays.copyOfRange(data, i, j + length), vibStart - i, j - i));
            i = j + length;
        }
        return i;
    }

    /** Where the VIB of the record that begins at {@code i} begins. */
    private static int vibStart(byte[] data, int i) {
        int j = i + 1;
        while ((data[j - 1] & 0x80) != 0 && j < data.length) {
            j++;
        }
        return j;
    }

    /**
     * Where the data of the record that begins at {@code i} begins, after its DIF, DIFEs, VIF,
     * VIFEs and any plain-text unit; -1 when the headers run past the end.
     */
    static int headerEnd(byte[] data, int i) {
        int j = vibStart(data, i);
        if (j >= data.length) {
            return -1;
        }
        int vif = data[j] & 0xFF;
        j++;
        while ((data[j - 1] & 0x80) != 0 && j < data.length) {
            j++;
        }
        if ((data[j - 1] & 0x80) != 0) {
            return -1;
        }
        if ((vif & 0x7F) == 0x7C && j < data.length) {
            j += 1 + (data[j] & 0xFF); // plain-text unit
        }
        return j > data.length ? -1 : j;
    }

    /** The length of a record's data by its DIF's coding; -1 when unknown or past the end. */
    static int dataLength(int coding, byte[] data, int at) {
        switch (coding) {
            case 0x0:
            case 0x8:
                return 0;
            case 0x1:
            case 0x9:
                return 1;
            case 0x2:
            case 0xA:
                return 2;
            case 0x3:
            case 0xB:
                return 3;
            case 0x4:
            case 0x5:
            case 0xC:
                return 4;
            case 0x6:
            case 0xE:
                return 6;
            case 0x7:
                return 8;
            case 0xD:
                if (at >= data.length) {
                    return -1;
                }
                int l = data[at] & 0xFF;
                if (l <= 0xBF) {
                    return 1 + l;
                }
                if (l <= 0xDF) {
                    return 1 + (l & 0x0F);
                }
                if (l <= 0xEF) {
                    return 1 + (l & 0x0F);
                }
                if (l <= 0xFA) {
                    return 1 + (l & 0x0F);
                }
                return -1;
            default:
                return -1;
        }
    }

    /** jMBus' reading of one record, or null when it cannot read it. */
    static DataRecord jmbus(RawRecord r) {
        byte[] buffer = new byte[r.bytes().length + 3];
        buffer[0] = 0x78; // no transport header
        System.arraycopy(r.bytes(), 0, buffer, 1, r.bytes().length);
        buffer[buffer.length - 2] = 0x2F; // jMBus leaves the last two bytes unread
        buffer[buffer.length - 1] = 0x2F;
        VariableDataStructure vds = new VariableDataStructure(buffer, 0, buffer.length, null, Map.of());
        try {
            vds.decode();
        } catch (DecodingException | RuntimeException e) {
            return null;
        }
        List<DataRecord> records = vds.getDataRecords();
        return records.size() == 1 ? records.get(0) : null;
    }

    /** The meter's date and time: the first current type F record (DIF 04, VIF 6D), in the meter's zone. */
    static Instant time(List<RawRecord> records, ZoneId zone) {
        for (RawRecord r : records) {
            if (r.dif() == 0x04 && r.vibStart() == 1 && r.vif() == 0x6D) {
                return typeF(r.bytes(), r.dataStart(), zone);
            }
        }
        return null;
    }

    /** EN 13757-3 Annex A type F: minute, hour with the hundred-year bits, day and month with the year. */
    static Instant typeF(byte[] b, int at, ZoneId zone) {
        int minute = b[at] & 0x3F;
        boolean invalid = (b[at] & 0x80) != 0;
        int hour = b[at + 1] & 0x1F;
        int hundredYears = (b[at + 1] >> 5) & 0x03;
        int day = b[at + 2] & 0x1F;
        int month = b[at + 3] & 0x0F;
        int year = ((b[at + 2] & 0xE0) >> 5) | ((b[at + 3] & 0xF0) >> 1);
        if (invalid) {
            return null;
        }
        int fullYear = hundredYears == 0 && year <= 80 ? 2000 + year : 1900 + 100 * hundredYears + year;
        try {
            return LocalDateTime.of(fullYear, month, day, hour, minute)
                    .atZone(zone)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The main registers of the records: current values (storage 0, tariff 0, subunit 0,
     * instantaneous) of the quantities the registry knows, the first of each quantity.
     */
    static List<DecodedReading> readings(
            List<RawRecord> records, int deviceType, String meterId, String manufacturer, Instant time) {
        Map<String, DecodedReading> byQuantity = new LinkedHashMap<>();
        for (RawRecord raw : records) {
            DataRecord r = jmbus(raw);
            if (r == null
                    || r.getStorageNumber() != 0
                    || r.getTariff() != 0
                    || r.getSubunit() != 0
                    || r.getFunctionField() != FunctionField.INST_VAL
                    || !(r.getDataValue() instanceof Number)) {
                continue;
            }
            Mapped m = map(r, deviceType);
            if (m != null) {
                byQuantity.putIfAbsent(
                        m.quantity(), DecodedReading.at(meterId, manufacturer, m.quantity(), m.value(), time));
            }
        }
        return new ArrayList<>(byQuantity.values());
    }

    private record Mapped(String quantity, BigDecimal value) {}

    private static Mapped map(DataRecord r, int deviceType) {
        BigDecimal value = value(r);
        Description d = r.getDescription();
        DlmsUnit unit = r.getUnit();
        switch (d) {
            case VOLUME:
                return unit == DlmsUnit.CUBIC_METRE ? new Mapped(volumeQuantity(deviceType), value) : null;
            case ENERGY:
                BigDecimal kwh = unit == DlmsUnit.WATT_HOUR
                        ? value.divide(THOUSAND)
                        : unit == DlmsUnit.JOULE ? value.divide(JOULES_PER_KWH, java.math.MathContext.DECIMAL64) : null;
                return kwh == null ? null : new Mapped(energyQuantity(deviceType), kwh.stripTrailingZeros());
            case HCA:
                return new Mapped("heatCostAllocation", value);
            case FLOW_TEMPERATURE:
                return unit == DlmsUnit.DEGREE_CELSIUS ? new Mapped("heatFlowTemperature", value) : null;
            case RETURN_TEMPERATURE:
                return unit == DlmsUnit.DEGREE_CELSIUS ? new Mapped("heatReturnTemperature", value) : null;
            case EXTERNAL_TEMPERATURE:
                if (unit != DlmsUnit.DEGREE_CELSIUS) {
                    return null;
                }
                return new Mapped(heat(deviceType) ? "outdoorTemperature" : "roomTemperature", value);
            case VOLUME_FLOW:
                return unit == DlmsUnit.CUBIC_METRE_PER_HOUR
                        ? new Mapped(heat(deviceType) ? "heatFlow" : "waterFlow", value)
                        : null;
            case POWER:
                return unit == DlmsUnit.WATT && heat(deviceType) ? new Mapped("heatPower", value) : null;
            case REL_HUMIDITY:
                return new Mapped("roomHumidity", value);
            default:
                return null;
        }
    }

    private static BigDecimal value(DataRecord r) {
        Object v = r.getDataValue();
        BigDecimal base = v instanceof Double || v instanceof Float
                ? BigDecimal.valueOf(((Number) v).doubleValue())
                : BigDecimal.valueOf(((Number) v).longValue());
        return base.scaleByPowerOfTen(r.getMultiplierExponent()).stripTrailingZeros();
    }

    /** Heat, heat/cooling and cooling meters (device types 04, 0A, 0B, 0C, 0D). */
    static boolean heat(int deviceType) {
        return deviceType == 0x04
                || deviceType == 0x0A
                || deviceType == 0x0B
                || deviceType == 0x0C
                || deviceType == 0x0D;
    }

    private static String volumeQuantity(int deviceType) {
        if (deviceType == 0x03) {
            return "gasVolume";
        }
        return heat(deviceType) ? "heatVolume" : "waterVolume";
    }

    private static String energyQuantity(int deviceType) {
        if (deviceType == 0x02) {
            return "electricityEnergyWithdrawn";
        }
        if (deviceType == 0x0A || deviceType == 0x0B) {
            return "coldEnergy";
        }
        return "heatEnergy";
    }
}
