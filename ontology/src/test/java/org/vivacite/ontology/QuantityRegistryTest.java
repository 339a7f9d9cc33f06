package org.vivacite.ontology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.vocabulary.Namespaces;

class QuantityRegistryTest {

    private final QuantityRegistry registry = QuantityRegistry.standard();

    /** Every register the meters of each fluid report (electricity, gas, water, heat, allocators, sensors), with its kind and unit. */
    private static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("electricityEnergyWithdrawn", "CUMULATIVE_REGISTER KiloW-HR"),
            Map.entry("electricityEnergyWithdrawnPerPeriod", "CUMULATIVE_REGISTER KiloW-HR"),
            Map.entry("electricityEnergyInjected", "CUMULATIVE_REGISTER KiloW-HR"),
            Map.entry("electricityApparentPower", "INSTANTANEOUS_VALUE V-A"),
            Map.entry("electricityVoltage", "INSTANTANEOUS_VALUE V"),
            Map.entry("electricityCurrent", "INSTANTANEOUS_VALUE A"),
            Map.entry("electricityAveragePower", "INTERVAL_AVERAGE W"),
            Map.entry("gasVolume", "CUMULATIVE_REGISTER M3"),
            Map.entry("gasEnergyConsumed", "INTERVAL_AMOUNT KiloW-HR"),
            Map.entry("waterVolume", "CUMULATIVE_REGISTER M3"),
            Map.entry("waterFlow", "INSTANTANEOUS_VALUE M3-PER-HR"),
            Map.entry("waterBackflowVolume", "CUMULATIVE_REGISTER M3"),
            Map.entry("heatEnergy", "CUMULATIVE_REGISTER KiloW-HR"),
            Map.entry("heatVolume", "CUMULATIVE_REGISTER M3"),
            Map.entry("heatFlowTemperature", "INSTANTANEOUS_VALUE DEG_C"),
            Map.entry("heatReturnTemperature", "INSTANTANEOUS_VALUE DEG_C"),
            Map.entry("heatPower", "INSTANTANEOUS_VALUE W"),
            Map.entry("heatFlow", "INSTANTANEOUS_VALUE M3-PER-HR"),
            Map.entry("heatCostAllocation", "CUMULATIVE_REGISTER UNITLESS"),
            Map.entry("roomTemperature", "INSTANTANEOUS_VALUE DEG_C"),
            Map.entry("roomHumidity", "INSTANTANEOUS_VALUE PERCENT"),
            Map.entry("hotWaterTankTemperature", "INSTANTANEOUS_VALUE DEG_C"));

    @Test
    void holdsEveryRegisterOfTheDomainWithItsKindAndUnit() {
        REQUIRED.forEach((notation, expected) -> {
            Quantity q = registry.get(notation);
            String unit = q.canonicalUnitIri().substring(Namespaces.UNIT.length());
            assertThat(q.kind() + " " + unit).as(notation).isEqualTo(expected);
        });
    }

    @Test
    void everyQuantityIsComplete() {
        assertThat(registry.all()).hasSizeGreaterThanOrEqualTo(REQUIRED.size());
        assertThat(registry.all()).allSatisfy(q -> {
            assertThat(q.iri()).isEqualTo(Namespaces.VC + q.notation());
            assertThat(q.label()).isNotBlank();
            assertThat(q.quantityKindIri()).startsWith(Namespaces.QUANTITYKIND);
            assertThat(q.canonicalUnitIri()).startsWith(Namespaces.UNIT);
        });
    }

    @Test
    void consumptionIsDerivedIntoAnIntervalAmountOfTheSameFluidAndUnit() {
        for (Quantity register : registry.all()) {
            register.consumption().ifPresent(iri -> {
                Quantity consumption = registry.get(iri);
                assertThat(register.kind()).as(register.notation()).isEqualTo(ReadingKind.CUMULATIVE_REGISTER);
                assertThat(consumption.kind()).as(iri).isEqualTo(ReadingKind.INTERVAL_AMOUNT);
                assertThat(consumption.fluid()).as(iri).isEqualTo(register.fluid());
                assertThat(consumption.canonicalUnitIri()).as(iri).isEqualTo(register.canonicalUnitIri());
            });
        }
        assertThat(registry.get("waterVolume").consumption()).contains(Namespaces.VC + "waterVolumeConsumed");
        assertThat(registry.get("heatEnergy").consumption()).contains(Namespaces.VC + "heatEnergyConsumed");
        assertThat(registry.get("roomTemperature").consumption()).isEmpty();
    }

    @Test
    void everyFluidHasADerivedConsumption() {
        for (String fluid : java.util.List.of("Electricity", "Gas", "Water")) {
            assertThat(registry.all()).as(fluid).anySatisfy(q -> {
                assertThat(q.fluid()).contains(Namespaces.SAREF + fluid);
                assertThat(q.consumption()).isPresent();
            });
        }
    }

    @Test
    void fluidsAreSarefCommodities() {
        assertThat(registry.get("waterVolume").fluid()).contains(Namespaces.SAREF + "Water");
        assertThat(registry.get("gasVolume").fluid()).contains(Namespaces.SAREF + "Gas");
        assertThat(registry.get("electricityEnergyWithdrawn").fluid()).contains(Namespaces.SAREF + "Electricity");
        assertThat(registry.get("heatEnergy").fluid()).contains(Namespaces.VC + "districtHeat");
        assertThat(registry.get("roomTemperature").fluid()).isEmpty();
    }

    @Test
    void findsByIriOrNotation() {
        assertThat(registry.get(Namespaces.VC + "waterVolume")).isEqualTo(registry.get("waterVolume"));
    }

    @Test
    void unknownQuantityIsAClearError() {
        assertThatThrownBy(() -> registry.get("waterVolumn"))
                .isInstanceOf(UnknownQuantityException.class)
                .hasMessage("unknown quantity 'waterVolumn': not in the registry (quantities.ttl)");
        assertThat(registry.find("waterVolumn")).isEmpty();
    }
}
