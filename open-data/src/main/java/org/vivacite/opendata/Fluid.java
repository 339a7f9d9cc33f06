package org.vivacite.opendata;

import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * The fluids the datasets publish: what a cell measures, the derived consumption quantity it sums
 * (docs/ontology.md) and the unit of its totals. Gas is published in kWh (PCS), as the French
 * operators publish it: the views convert the derived volume with the configured calorific value.
 */
public enum Fluid {
    ELECTRICITY("electricity", Namespaces.SAREF + "Electricity", "electricityEnergyConsumed", "KiloW-HR", false),
    GAS("gas", Namespaces.SAREF + "Gas", "gasVolumeConsumed", "KiloW-HR", true),
    WATER("water", Namespaces.SAREF + "Water", "waterVolumeConsumed", "M3", false),
    HEAT("heat", Namespaces.VC + "districtHeat", "heatEnergyConsumed", "KiloW-HR", true);

    /** Short name, as in file names and CSV columns. */
    public final String code;
    /** The fluid concept ({@code vc:fluid} of the quantity). */
    public final String iri;
    /** Local name (vc:) of the derived consumption quantity a cell sums. */
    public final String consumptionQuantity;
    /** QUDT unit local name of the published totals. */
    public final String unit;
    /** Whether consumption is mostly heating, so that a cell also gives it per degree-day. */
    public final boolean heating;

    Fluid(String code, String iri, String consumptionQuantity, String unit, boolean heating) {
        this.code = code;
        this.iri = iri;
        this.consumptionQuantity = consumptionQuantity;
        this.unit = unit;
        this.heating = heating;
    }

    public String unitIri() {
        return Namespaces.UNIT + unit;
    }

    public String quantityIri() {
        return Namespaces.VC + consumptionQuantity;
    }

    public static Fluid ofQuantity(String quantityIri) {
        for (Fluid f : values()) {
            if (f.quantityIri().equals(quantityIri)) {
                return f;
            }
        }
        throw new OpenDataException("no published fluid sums the quantity " + quantityIri);
    }
}
