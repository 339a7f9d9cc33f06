package org.vivacite.simulator.wmbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openmuc.jmbus.DataRecord;
import org.openmuc.jmbus.DecodingException;
import org.openmuc.jmbus.EncryptionMode;
import org.openmuc.jmbus.SecondaryAddress;
import org.openmuc.jmbus.VariableDataStructure;
import org.openmuc.jmbus.wireless.Jmbus;
import org.openmuc.jmbus.wireless.WMBusMessage;

/** Simulated telegrams are checked against decoders written by others: the OMS example and jMBus. */
class WmbusTelegramsTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * OMS Specification Vol. 2 Annex N, N.2.1 (../shared/reference/01_wmbus/oms_spec_examples_exmbus):
     * a gas meter, security profile A, 28 504.27 m³ on 2008-05-31 23:50, no error.
     */
    @Test
    void reproducesTheOmsSpecificationExampleByteForByte() {
        byte[] telegram = WmbusTelegrams.encode(
                new WmbusAddress("ELS", 12_345_678, 0x33, WmbusAddress.GAS),
                0x2A,
                0,
                true,
                new DataRecords()
                        .bcd8(DataRecords.VOLUME_10_LITRES, 2_850_427)
                        .dateTime(LocalDateTime.of(2008, 5, 31, 23, 50))
                        .errorFlags(0),
                HEX.parseHex("0102030405060708090A0B0C0D0E0F11"));
        assertThat(HEX.formatHex(telegram))
                .isEqualTo(
                        "2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3");
    }

    @Test
    void aKamstrupLeakCarriesTheClassOfHowLongItHasLasted() {
        java.util.function.IntUnaryOperator durationClass =
                hours -> DataRecords.kamstrupLeak(java.time.Duration.ofHours(hours)) >> 10 & 0x07;
        assertThat(DataRecords.kamstrupLeak(java.time.Duration.ofMinutes(30)) & 0x0F)
                .as("the leak bit, alone")
                .isEqualTo(DataRecords.KAMSTRUP_LEAK);
        assertThat(List.of(1, 8, 9, 24, 48, 72, 73, 168, 169, 336, 504, 505, 744, 2000).stream()
                        .map(durationClass::applyAsInt)
                        .toList())
                .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 7, 7);
    }

    private record Sent(
            byte[] telegram, byte[] key, WmbusAddress meter, int access, long value, int vif, LocalDateTime at) {}

    private static Sent random(Random r) {
        String manufacturer =
                List.of("KAM", "DME", "ELS", "APA", "TCH", "QDS", "SON", "ITW").get(r.nextInt(8));
        int type = List.of(WmbusAddress.WATER, WmbusAddress.GAS, WmbusAddress.HEAT, WmbusAddress.HEAT_COST_ALLOCATOR)
                .get(r.nextInt(4));
        WmbusAddress meter = new WmbusAddress(manufacturer, r.nextInt(100_000_000), r.nextInt(256), type);
        byte[] key = new byte[16];
        r.nextBytes(key);
        int access = r.nextInt(256);
        LocalDateTime at = LocalDateTime.of(
                2020 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60));
        long value = r.nextInt(99_999_999);
        DataRecords records = new DataRecords();
        int vif;
        switch (type) {
            case WmbusAddress.WATER -> records.bcd8(vif = DataRecords.VOLUME_LITRES, value);
            case WmbusAddress.GAS -> records.bcd8(vif = DataRecords.VOLUME_10_LITRES, value);
            case WmbusAddress.HEAT -> records.int32(vif = DataRecords.ENERGY_KWH, (int) value);
            default -> records.int32(vif = DataRecords.HCA_UNITS, (int) (value % 100_000));
        }
        if (type == WmbusAddress.HEAT_COST_ALLOCATOR) {
            value %= 100_000;
        }
        records.dateTime(at).errorFlags(0);
        boolean synchronous = r.nextBoolean();
        byte[] telegram = WmbusTelegrams.encode(meter, access, 0, synchronous, records, key);
        while (WmbusTelegrams.readAsPlainByJmbus(telegram)) { // the meter's next telegram instead
            access = (access + 1) & 0xFF;
            telegram = WmbusTelegrams.encode(meter, access, 0, synchronous, records, key);
        }
        return new Sent(telegram, key, meter, access, value, vif, at);
    }

    @Test
    void jmbusDecodesTenThousandSimulatedTelegramsToTheirValuesAndRefusesThemWithAWrongKey() throws Exception {
        Random r = new Random(20261128);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            Sent sent = random(r);
            SecondaryAddress address = SecondaryAddress.newFromWMBusHeader(sent.telegram(), 2);

            WMBusMessage message = Jmbus.decode(sent.telegram(), Map.of(address, sent.key()));
            VariableDataStructure data = message.getVariableDataResponse();
            assertThat(message.getSecondaryAddress().getManufacturerId())
                    .isEqualTo(sent.meter().manufacturer());
            assertThat(message.getSecondaryAddress().getDeviceId().toString())
                    .isEqualTo(String.format("%08d", sent.meter().id()));
            assertThat(message.getSecondaryAddress().getVersion())
                    .isEqualTo(sent.meter().version());
            assertThat(message.getSecondaryAddress().getDeviceType().getId())
                    .isEqualTo(sent.meter().deviceType());
            assertThat(data.getAccessNumber()).isEqualTo(sent.access());
            assertThat(data.getEncryptionMode()).isEqualTo(EncryptionMode.AES_CBC_IV);
            List<DataRecord> records = data.getDataRecords();
            assertThat(records).hasSize(3);
            double scale = switch (sent.vif()) {
                case DataRecords.VOLUME_LITRES -> 1e-3;
                case DataRecords.VOLUME_10_LITRES -> 1e-2;
                case DataRecords.ENERGY_KWH -> 1e3; // jMBus scales energy to Wh
                default -> 1;
            };
            assertThat(records.get(0).getScaledDataValue())
                    .isCloseTo(sent.value() * scale, Offset.offset(1e-6 * Math.max(1, sent.value() * scale)));
            Date date = (Date) records.get(1).getDataValue();
            // jMBus leaves the decoding clock's milliseconds in the date: compare to the minute.
            assertThat(date.toInstant()
                            .atZone(ZoneId.systemDefault())
                            .toLocalDateTime()
                            .truncatedTo(ChronoUnit.MINUTES))
                    .isEqualTo(sent.at());
            decoded++;

            byte[] wrong = sent.key().clone();
            wrong[r.nextInt(16)] ^= (byte) (1 + r.nextInt(255));
            assertThatThrownBy(() -> Jmbus.decode(sent.telegram(), Map.of(address, wrong)))
                    .isInstanceOf(DecodingException.class);
            refused++;
        }
        assertThat(decoded).isEqualTo(10_000);
        assertThat(refused).isEqualTo(10_000);
    }

    /** Found with the test above: jMBus reads a mode 5 payload that happens to begin 2F 02 as plain data. */
    @Test
    void jmbusTakesACiphertextBeginning2F02ForPlainData() {
        byte[] telegram = HEX.parseHex(
                "2E44EE4D281683561E047AFA0020052F0247CFC67DDF991DA64AC35B98A6487FB8087A67CE7F136BE11D15E519DCC2");
        byte[] key = HEX.parseHex("1196297A521ADB703B57469C53BAC20C");
        assertThat(WmbusTelegrams.readAsPlainByJmbus(telegram)).isTrue();
        assertThatThrownBy(() -> Jmbus.decode(telegram, Map.of(SecondaryAddress.newFromWMBusHeader(telegram, 2), key)))
                .isInstanceOf(DecodingException.class);
        // It is a well-formed telegram all the same: this project's encoder made it, for these values.
        byte[] same = WmbusTelegrams.encode(
                new WmbusAddress("SON", 56_831_628, 30, WmbusAddress.HEAT),
                0xFA,
                0,
                false,
                new DataRecords()
                        .int32(DataRecords.ENERGY_KWH, 76_653_737)
                        .dateTime(LocalDateTime.of(2027, 3, 1, 3, 45))
                        .errorFlags(0),
                key);
        assertThat(same).isEqualTo(telegram);
    }
}
