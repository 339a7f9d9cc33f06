package org.vivacite.simulator.territory;

/**
 * What a generated building is for: its sector, who owns it, and when it is occupied (public
 * buildings follow weekday and school-holiday schedules).
 */
public enum BuildingKind {
    SOCIAL_HOUSING(Sector.RESIDENTIAL, Owner.SOCIAL_LANDLORD, "Résidence"),
    CO_OWNERSHIP(Sector.RESIDENTIAL, Owner.CO_OWNERSHIP, "Copropriété"),
    HOUSE(Sector.RESIDENTIAL, Owner.PRIVATE, "Maison"),
    OFFICE(Sector.TERTIARY, Owner.PRIVATE, "Bureaux"),
    SHOP(Sector.TERTIARY, Owner.PRIVATE, "Commerce"),
    SCHOOL(Sector.PUBLIC, Owner.PUBLIC, "École"),
    GYMNASIUM(Sector.PUBLIC, Owner.PUBLIC, "Gymnase"),
    TOWN_HALL(Sector.PUBLIC, Owner.PUBLIC, "Hôtel de ville"),
    SWIMMING_POOL(Sector.PUBLIC, Owner.PUBLIC, "Piscine");

    /** The concepts of {@code vc:sectors}. */
    public enum Sector {
        RESIDENTIAL("residential"),
        TERTIARY("tertiary"),
        PUBLIC("public");

        public final String concept;

        Sector(String concept) {
            this.concept = concept;
        }
    }

    /** The concepts of {@code vc:ownerKinds}. */
    public enum Owner {
        PUBLIC("publicOwner"),
        SOCIAL_LANDLORD("socialLandlord"),
        CO_OWNERSHIP("coOwnership"),
        PRIVATE("privateOwner");

        public final String concept;

        Owner(String concept) {
            this.concept = concept;
        }
    }

    public final Sector sector;
    public final Owner owner;
    /** The start of a generated building's label, in French. */
    public final String label;

    BuildingKind(Sector sector, Owner owner, String label) {
        this.sector = sector;
        this.owner = owner;
        this.label = label;
    }

    public boolean collectiveHousing() {
        return this == SOCIAL_HOUSING || this == CO_OWNERSHIP;
    }
}
