package org.vivacite.opendata;

import java.util.EnumSet;
import java.util.Set;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Period.Step;

/**
 * The datasets a release publishes: which territorial levels, sectors and period step each has,
 * and how it is described in the catalogue. A dataset publishes its finest level and the coarser
 * ones above it, so that parent totals are published cells that secondary suppression protects,
 * not sums an attacker works out.
 */
public enum Dataset {
    ANNUAL_BY_DISTRICT(
            "annual-consumption-by-district",
            Step.YEAR,
            EnumSet.of(TerritorialLevel.DISTRICT, TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS),
            EnumSet.allOf(Sector.class),
            false,
            "Consommation annuelle par IRIS, fluide et secteur",
            "Annual consumption by district (IRIS), fluid and sector",
            "Consommation des douze derniers mois complets par quartier IRIS, commune et métropole, par fluide"
                    + " (électricité, gaz, eau, chaleur) et secteur, avec le nombre de points de livraison actifs,"
                    + " la moyenne par point, l'intensité par m² et par degré-jour.",
            "Consumption of the latest year of complete days by IRIS district, commune and metropolis, by fluid"
                    + " (electricity, gas, water, heat) and sector, with the number of active delivery points, the"
                    + " mean per point, the intensity per m² and per degree-day."),
    MONTHLY_BY_COMMUNE(
            "monthly-consumption-by-commune",
            Step.MONTH,
            EnumSet.of(TerritorialLevel.COMMUNE, TerritorialLevel.METROPOLIS),
            EnumSet.allOf(Sector.class),
            true,
            "Consommation mensuelle par commune, fluide et secteur",
            "Monthly consumption by commune, fluid and sector",
            "Consommation de chaque mois complet par commune et pour la métropole, par fluide et secteur.",
            "Consumption of every complete month by commune and for the metropolis, by fluid and sector."),
    DAILY_BY_DISTRICT(
            "daily-consumption-by-district",
            Step.DAY,
            EnumSet.of(TerritorialLevel.DISTRICT),
            EnumSet.allOf(Sector.class),
            true,
            "Consommation journalière par IRIS",
            "Daily consumption by district (IRIS)",
            "Consommation de chaque jour complet par quartier IRIS, fluide et secteur.",
            "Consumption of every complete day by IRIS district, fluid and sector."),
    PUBLIC_BUILDINGS_MONTHLY(
            "public-buildings-monthly",
            Step.MONTH,
            EnumSet.of(TerritorialLevel.BUILDING),
            EnumSet.of(Sector.PUBLIC),
            false,
            "Consommation mensuelle et intensité énergétique des bâtiments publics",
            "Monthly consumption and energy intensity of public buildings",
            "Consommation mensuelle et intensité énergétique (kWh/m²) de chaque bâtiment de la collectivité"
                    + " qu'elle a choisi de publier individuellement.",
            "Monthly consumption and energy intensity (kWh/m²) of each community-owned building the community"
                    + " chose to publish individually."),
    LOAD_PROFILE_BY_COMMUNE(
            "load-profile-by-commune",
            Step.MONTH,
            EnumSet.of(TerritorialLevel.COMMUNE),
            EnumSet.of(Sector.RESIDENTIAL),
            true,
            "Profil de charge électrique moyen par demi-heure, par commune et par mois",
            "Average half-hourly electricity load profile by commune and month",
            "Consommation électrique moyenne d'un point de livraison résidentiel pour chaque demi-heure de la"
                    + " journée, par commune et par mois, à partir des courbes de charge des foyers qui y ont consenti.",
            "Average electricity consumption of a residential delivery point in each half hour of the day, by"
                    + " commune and month, from the load curves of the households who consented.");

    /** The dataset's name in IRIs, graph names and folders. */
    public final String id;

    public final Step step;
    public final Set<TerritorialLevel> levels;
    public final Set<Sector> sectors;
    /** Whether its household cells form a time series (art. D.111-63: minimum consumption points). */
    public final boolean series;

    public final String titleFr;
    public final String titleEn;
    public final String descriptionFr;
    public final String descriptionEn;

    Dataset(
            String id,
            Step step,
            Set<TerritorialLevel> levels,
            Set<Sector> sectors,
            boolean series,
            String titleFr,
            String titleEn,
            String descriptionFr,
            String descriptionEn) {
        this.id = id;
        this.step = step;
        this.levels = levels;
        this.sectors = sectors;
        this.series = series;
        this.titleFr = titleFr;
        this.titleEn = titleEn;
        this.descriptionFr = descriptionFr;
        this.descriptionEn = descriptionEn;
    }

    /** Whether its cells are half-hourly averages (a load profile). */
    public boolean profile() {
        return this == LOAD_PROFILE_BY_COMMUNE;
    }

    public static Dataset ofId(String id) {
        for (Dataset d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new OpenDataException("no dataset named '" + id + "'; the datasets are "
                + java.util.Arrays.stream(values()).map(d -> d.id).toList());
    }
}
