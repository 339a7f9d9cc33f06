package org.vivacite.ingest.wmbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Payloads;
import org.vivacite.simulator.city.Reading;
import org.vivacite.simulator.meters.Device;
import org.vivacite.simulator.wmbus.DataRecords;
import org.vivacite.simulator.wmbus.WmbusAddress;
import org.vivacite.simulator.wmbus.WmbusTelegrams;

/** Our decoder against our simulator: what the simulated meters send reads back to what they meant. */
class WmbusDecoderSimulationTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 10);

    @Test
    void decodesTenThousandSimulatedTelegramsToTheValuesTheSimulationMeant() {
        DemoCity city = DemoCity.generate(42, 1_000, FROM, LocalDate.of(2026, 1, 14));
        Payloads payloads = new Payloads(DemoCity.ZONE);
        Map<String, byte[]> keys = new HashMap<>();
        List<Reading> readings = new ArrayList<>();
        List<byte[]> telegrams = new ArrayList<>();
        city.simulation().run(FROM, FROM.plusDays(10), Duration.ofDays(1), r -> {
            if (r.meter().device().wire == WireFormat.WMBUS && readings.size() < 10_000) {
                keys.put(
                        r.meter().manufacturer() + " " + r.meter().id(),
                        r.meter().key());
                readings.add(r);
                telegrams.add(payloads.telegram(r));
            }
        });
        assertThat(readings).hasSize(10_000);
        WmbusDecoder decoder = new WmbusDecoder(
                (manufacturer, meterId) -> Optional.ofNullable(keys.get(manufacturer + " " + meterId)),
                DemoCity.ZONE,
                List.of());
        Map<Device, Integer> perDevice = new HashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            List<DecodedReading> decoded = decoder.decode(telegrams.get(i));
            assertThat(decoded)
                    .as("telegram %d of meter %s", i, r.meter().id())
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.meterId()).isEqualTo(r.meter().id());
                        assertThat(d.manufacturer()).isEqualTo(r.meter().manufacturer());
                        assertThat(d.quantity()).isEqualTo(r.meter().device().quantity);
                        assertThat(d.value()).isEqualByComparingTo(r.value());
                        assertThat(d.time()).isEqualTo(r.time().truncatedTo(ChronoUnit.MINUTES));
                    });
            perDevice.merge(r.meter().device(), 1, Integer::sum);
        }
        assertThat(perDevice.keySet())
                .contains(Device.WATER_METER, Device.GAS_METER, Device.HEAT_METER, Device.HEAT_COST_ALLOCATOR);
    }

    @Test
    void decodesTelegramsThatJmbusWouldTakeForUnencryptedOnes() {
        Random random = new Random(7);
        LocalDateTime at = LocalDateTime.of(2026, 3, 29, 1, 30);
        int[][] meters = {
            {WmbusAddress.WATER, DataRecords.VOLUME_LITRES},
            {WmbusAddress.GAS, DataRecords.VOLUME_LITRES},
            {WmbusAddress.HEAT, DataRecords.ENERGY_KWH},
            {WmbusAddress.HEAT_COST_ALLOCATOR, DataRecords.HCA_UNITS}
        };
        String[] quantities = {"waterVolume", "gasVolume", "heatEnergy", "heatCostAllocation"};
        int found = 0;
        for (int m = 0; m < meters.length; m++) {
            WmbusAddress address = new WmbusAddress("KAM", 10_000_000 + m, 1, meters[m][0]);
            byte[] key = new byte[16];
            random.nextBytes(key);
            WmbusDecoder decoder =
                    new WmbusDecoder((manufacturer, meterId) -> Optional.of(key), DemoCity.ZONE, List.of());
            // one ciphertext in 65 536 begins 2F 02: search values and access numbers for one
            found:
            for (int value = 0; value < 100_000; value++) {
                DataRecords records =
                        new DataRecords().bcd8(meters[m][1], value).dateTime(at).errorFlags(0);
                for (int access = 0; access < 256; access++) {
                    byte[] telegram = WmbusTelegrams.encode(address, access, 0, true, records, key);
                    if (WmbusTelegrams.readAsPlainByJmbus(telegram)) {
                        List<DecodedReading> decoded = decoder.decode(telegram);
                        double unit = meters[m][1] == DataRecords.VOLUME_LITRES ? 0.001 : 1;
                        String quantity = quantities[m];
                        assertThat(decoded)
                                .singleElement()
                                .satisfies(d -> assertThat(d.quantity()).isEqualTo(quantity));
                        assertThat(decoded.get(0).value().doubleValue())
                                .isCloseTo(value * unit, org.assertj.core.data.Offset.offset(1e-9));
                        assertThat(decoded.get(0).time())
                                .isEqualTo(at.atZone(DemoCity.ZONE).toInstant());
                        found++;
                        break found;
                    }
                }
            }
        }
        assertThat(found).as("telegrams beginning 2F 02 found and decoded").isEqualTo(4);
    }
}
