package org.vivacite.ontology.vocabulary;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** Terms of the VivaCité application ontology (vivacite.ttl). */
public final class VC {

    public static final String NS = Namespaces.VC;

    public static final Resource Quantity = resource("Quantity");
    public static final Resource ElectricityMeter = resource("ElectricityMeter");
    public static final Resource GasMeter = resource("GasMeter");
    public static final Resource HeatMeter = resource("HeatMeter");
    public static final Resource HeatCostAllocator = resource("HeatCostAllocator");
    public static final Resource Metropolis = resource("Metropolis");
    public static final Resource Commune = resource("Commune");
    public static final Resource District = resource("District");
    public static final Resource Street = resource("Street");
    public static final Resource Dwelling = resource("Dwelling");
    public static final Resource MeterDayRollup = resource("MeterDayRollup");
    public static final Resource RollupPart = resource("RollupPart");

    public static final Resource districtHeat = resource("districtHeat");
    public static final Resource districtCold = resource("districtCold");
    public static final Resource synthetic = resource("synthetic");

    public static final Property readingKind = property("readingKind");
    public static final Property canonicalUnit = property("canonicalUnit");
    public static final Property fluid = property("fluid");
    public static final Property tariffPeriod = property("tariffPeriod");
    public static final Property partOf = property("partOf");
    public static final Property use = property("use");
    public static final Property ownerKind = property("ownerKind");
    public static final Property heatingSystem = property("heatingSystem");
    public static final Property floorArea = property("floorArea");
    public static final Property yearBuilt = property("yearBuilt");
    public static final Property occupants = property("occupants");
    public static final Property publishIndividually = property("publishIndividually");
    public static final Property rollupOf = property("rollupOf");
    public static final Property rollupPart = property("rollupPart");
    public static final Property rollupQuantity = property("rollupQuantity");
    public static final Property day = property("day");
    public static final Property valueSum = property("valueSum");
    public static final Property valueCount = property("valueCount");
    public static final Property inArea = property("inArea");

    // Open data: the RDF Data Cube of a release.
    public static final Property sector = property("sector");
    public static final Property timeOfDay = property("timeOfDay");
    public static final Property totalConsumption = property("totalConsumption");
    public static final Property activeDeliveryPoints = property("activeDeliveryPoints");
    public static final Property meanConsumptionPerDeliveryPoint = property("meanConsumptionPerDeliveryPoint");
    public static final Property consumptionPerFloorArea = property("consumptionPerFloorArea");
    public static final Property consumptionPerDegreeDay = property("consumptionPerDegreeDay");
    public static final Property disclosureStatus = property("disclosureStatus");
    public static final Resource sectors = resource("sectors");
    public static final Resource disclosureStatuses = resource("disclosureStatuses");
    public static final Resource disclosureRules = resource("disclosureRules");

    public static final Resource SirenCode = resource("SirenCode");
    public static final Resource InseeCommuneCode = resource("InseeCommuneCode");
    public static final Resource IrisCode = resource("IrisCode");
    public static final Resource BanStreetCode = resource("BanStreetCode");
    public static final Resource BanAddressKey = resource("BanAddressKey");
    public static final Resource RnbId = resource("RnbId");

    private VC() {}

    private static Resource resource(String local) {
        return ResourceFactory.createResource(NS + local);
    }

    private static Property property(String local) {
        return ResourceFactory.createProperty(NS, local);
    }
}
