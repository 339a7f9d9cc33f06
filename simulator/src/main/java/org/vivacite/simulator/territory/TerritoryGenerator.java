package org.vivacite.simulator.territory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.vivacite.simulator.territory.Territory.Building;
import org.vivacite.simulator.territory.Territory.Commune;
import org.vivacite.simulator.territory.Territory.District;
import org.vivacite.simulator.territory.Territory.Dwelling;
import org.vivacite.simulator.territory.Territory.Metropolis;
import org.vivacite.simulator.territory.Territory.Street;

/**
 * Builds a Grenoble-like territory from a seed: Grenoble-Alpes Métropole (SIREN 200040715) and
 * three of its communes under their real INSEE codes, with districts, streets, buildings and
 * dwellings in proportions that look like the real city: mostly collective housing (social
 * landlords and co-ownerships of 10–80 dwellings, heated by the district network or a collective
 * gas boiler), some houses, offices and shops, and the community's public buildings (town hall,
 * schools, gymnasiums, swimming pools). The same seed and size always give the same territory.
 */
final class TerritoryGenerator {

    static final String SIREN = "200040715";
    private static final String RNB_ALPHABET = "123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** INSEE code, name, share of households, bounding box (approximate real extent). */
    private static final Object[][] COMMUNES = {
        {"38185", "Grenoble", 0.6, new Box(5.678, 45.155, 5.753, 45.214)},
        {"38421", "Saint-Martin-d'Hères", 0.2, new Box(5.753, 45.160, 5.800, 45.200)},
        {"38151", "Échirolles", 0.2, new Box(5.690, 45.120, 5.740, 45.155)},
    };

    private static final String[] STREET_KINDS = {"Rue", "Avenue", "Allée", "Boulevard", "Chemin", "Place", "Impasse"};
    private static final String[] STREET_NAMES = {
        "des Alpes",
        "du Vercors",
        "de Belledonne",
        "de la Chartreuse",
        "du Drac",
        "de l'Isère",
        "des Tilleuls",
        "des Érables",
        "du Moucherotte",
        "de la Bastille",
        "des Écoles",
        "de la Gare",
        "du Stade",
        "des Jardins",
        "de la Paix",
        "des Platanes",
        "du Moulin",
        "de la Liberté",
        "des Acacias",
        "du Rachais",
        "des Glycines",
        "de Chamrousse",
        "du Taillefer",
        "de l'Obiou",
        "des Lavandières",
        "du Grand Pré",
        "des Peupliers",
        "de la Source",
        "du Lac",
        "des Cèdres",
        "de l'Industrie",
        "des Marronniers",
        "du Mont Blanc",
        "des Vignes",
        "de la Tour",
        "du Parc",
        "des Chênes",
        "de la Poste",
        "du Marché",
        "des Sports"
    };
    private static final String[] DISTRICT_NAMES = {
        "Les Peupliers",
        "Le Vieux Bourg",
        "Les Jardins",
        "La Gare",
        "Les Alpins",
        "Le Parc",
        "Les Granges",
        "La Plaine",
        "Le Centre",
        "Les Sablons",
        "Le Moulin",
        "Les Îles",
        "La Colline",
        "Les Vergers",
        "Le Stade"
    };

    private final SplittableRandom random;
    private final Set<String> rnbIds = new HashSet<>();

    TerritoryGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Territory generate(int households) {
        if (households < 30) {
            throw new IllegalArgumentException("a territory needs at least 30 households, not " + households);
        }
        Metropolis metropolis = new Metropolis(SIREN, "Grenoble-Alpes Métropole", new Box(5.60, 45.05, 5.90, 45.30));
        List<Commune> communes = new ArrayList<>();
        List<District> districts = new ArrayList<>();
        List<Street> streets = new ArrayList<>();
        List<Building> buildings = new ArrayList<>();
        List<Dwelling> dwellings = new ArrayList<>();
        int left = households;
        for (int c = 0; c < COMMUNES.length; c++) {
            Commune commune = new Commune((String) COMMUNES[c][0], (String) COMMUNES[c][1], (Box) COMMUNES[c][3]);
            communes.add(commune);
            int share = c == COMMUNES.length - 1 ? left : (int) Math.round(households * (double) COMMUNES[c][2]);
            left -= share;
            generateCommune(commune, share, districts, streets, buildings, dwellings);
        }
        return new Territory(
                metropolis,
                List.copyOf(communes),
                List.copyOf(districts),
                List.copyOf(streets),
                List.copyOf(buildings),
                List.copyOf(dwellings));
    }

    /** What a building will be before it is placed: its kind, heating and dwellings' sizes. */
    private record Plan(BuildingKind kind, Heating heating, int dwellings, int yearBuilt) {}

    private void generateCommune(
            Commune commune,
            int households,
            List<District> districts,
            List<Street> streets,
            List<Building> buildings,
            List<Dwelling> dwellings) {
        List<Plan> plans = new ArrayList<>();
        int houses = (int) Math.round(households * 0.055);
        for (int i = 0; i < houses; i++) {
            plans.add(new Plan(BuildingKind.HOUSE, pick(houseHeating()), 1, year(1920, 2022)));
        }
        int collective = households - houses;
        while (collective > 0) {
            int size = Math.min(collective, 10 + (int) Math.round(70 * Math.pow(random.nextDouble(), 1.8)));
            int rest = collective - size;
            if (rest > 0 && rest < 10) {
                // Leave at least 10 for the last building, or take them all if that stays within 80.
                size = collective <= 80 ? collective : collective - 10;
            }
            boolean social = random.nextDouble() < 0.45;
            BuildingKind kind = social ? BuildingKind.SOCIAL_HOUSING : BuildingKind.CO_OWNERSHIP;
            Heating heating = social
                    ? (random.nextDouble() < 0.6 ? Heating.DISTRICT_HEATING : Heating.COLLECTIVE_GAS_BOILER)
                    : pick(new Heating[] {
                        Heating.DISTRICT_HEATING,
                        Heating.DISTRICT_HEATING,
                        Heating.COLLECTIVE_GAS_BOILER,
                        Heating.COLLECTIVE_GAS_BOILER,
                        Heating.ELECTRIC
                    });
            plans.add(new Plan(kind, heating, size, social ? year(1955, 2018) : year(1900, 2022)));
            collective -= size;
        }
        int tertiary = Math.max(1, (int) Math.round(households / 120.0));
        for (int i = 0; i < tertiary; i++) {
            plans.add(new Plan(
                    random.nextDouble() < 0.6 ? BuildingKind.OFFICE : BuildingKind.SHOP,
                    pick(new Heating[] {Heating.DISTRICT_HEATING, Heating.COLLECTIVE_GAS_BOILER, Heating.HEAT_PUMP}),
                    0,
                    year(1950, 2022)));
        }
        plans.add(new Plan(BuildingKind.TOWN_HALL, publicHeating(), 0, year(1880, 1980)));
        for (int i = 0; i < Math.max(1, households / 400); i++) {
            plans.add(new Plan(BuildingKind.SCHOOL, publicHeating(), 0, year(1900, 2015)));
        }
        for (int i = 0; i < Math.max(1, households / 1500); i++) {
            plans.add(new Plan(BuildingKind.GYMNASIUM, publicHeating(), 0, year(1960, 2015)));
        }
        for (int i = 0; i < households / 1000; i++) {
            plans.add(new Plan(BuildingKind.SWIMMING_POOL, publicHeating(), 0, year(1965, 2010)));
        }
        shuffle(plans);

        int districtCount = Math.max(3, (int) Math.round(Math.sqrt(households) / 3));
        int columns = (int) Math.ceil(Math.sqrt(districtCount));
        int rows = (int) Math.ceil(districtCount / (double) columns);
        for (int d = 0; d < districtCount; d++) {
            String iris = commune.insee() + String.format(Locale.ROOT, "%04d", 9001 + d);
            String name = DISTRICT_NAMES[d % DISTRICT_NAMES.length]
                    + (d < DISTRICT_NAMES.length ? "" : " " + (d / DISTRICT_NAMES.length + 1));
            // Districts tile their commune, as IRIS do: the commune's outline is their union.
            District district =
                    new District(iris, name, commune, commune.box().cell(d % columns, d / columns, columns, rows));
            districts.add(district);
            List<Plan> here = new ArrayList<>();
            for (int i = d; i < plans.size(); i += districtCount) {
                here.add(plans.get(i));
            }
            placeInDistrict(district, here, streets, buildings, dwellings);
        }
    }

    private void placeInDistrict(
            District district, List<Plan> plans, List<Street> streets, List<Building> buildings, List<Dwelling> out) {
        int streetCount = Math.max(2, (plans.size() + 5) / 6);
        Box box = district.box();
        double height = box.north() - box.south();
        double width = box.east() - box.west();
        List<Street> here = new ArrayList<>();
        for (int s = 0; s < streetCount; s++) {
            int number = streets.size() + 1;
            String code = district.commune().insee() + "_s" + base36(number, 3);
            int combos = STREET_KINDS.length * STREET_NAMES.length;
            String name = STREET_KINDS[(number / STREET_NAMES.length) % STREET_KINDS.length] + " "
                    + STREET_NAMES[number % STREET_NAMES.length]
                    + (number >= combos ? " " + (number / combos + 1) : "");
            double latitude = box.south() + height * (s + 1) / (streetCount + 1);
            Street street =
                    new Street(code, name, district, latitude, box.west() + width * 0.02, box.east() - width * 0.02);
            streets.add(street);
            here.add(street);
        }
        int[] perStreet = new int[streetCount];
        for (int i = 0; i < plans.size(); i++) {
            perStreet[i % streetCount]++;
        }
        int[] placed = new int[streetCount];
        for (int i = 0; i < plans.size(); i++) {
            int s = i % streetCount;
            Street street = here.get(s);
            Plan plan = plans.get(i);
            int k = placed[s]++;
            double slot = (street.east() - street.west()) / perStreet[s];
            double w = Math.min(slot * 0.8, 0.0008);
            double h = Math.min(height / (streetCount + 1) * 0.4, 0.0005);
            double centre = street.west() + slot * (k + 0.5);
            Box footprint =
                    new Box(centre - w / 2, street.latitude() + h * 0.1, centre + w / 2, street.latitude() + h * 1.1);
            int houseNumber = 2 * k + 1 + (random.nextInt(2));
            String address = street.code() + "_" + String.format(Locale.ROOT, "%05d", houseNumber);
            String label = plan.kind().sector == BuildingKind.Sector.RESIDENTIAL
                    ? houseNumber + " " + lower(street.name())
                    : plan.kind().label + " "
                            + street.name().substring(street.name().indexOf(' ') + 1);
            double dwellingArea = 0;
            List<double[]> sizes = new ArrayList<>();
            for (int n = 0; n < plan.dwellings(); n++) {
                double area = plan.kind() == BuildingKind.HOUSE ? 80 + random.nextDouble() * 100 : dwellingArea();
                int occupants = random.nextDouble() < 0.06
                        ? 0
                        : Math.max(1, Math.min(6, (int) Math.round(area / 32 + random.nextGaussian() * 0.8)));
                sizes.add(new double[] {area, occupants});
                dwellingArea += area;
            }
            double floorArea = switch (plan.kind()) {
                case HOUSE -> dwellingArea;
                case SOCIAL_HOUSING, CO_OWNERSHIP -> dwellingArea * 1.15;
                case OFFICE -> 400 + random.nextDouble() * 2600;
                case SHOP -> 150 + random.nextDouble() * 1200;
                case SCHOOL -> 1500 + random.nextDouble() * 2500;
                case GYMNASIUM -> 1200 + random.nextDouble() * 1300;
                case TOWN_HALL -> 2000 + random.nextDouble() * 4000;
                case SWIMMING_POOL -> 2500 + random.nextDouble() * 2500;
            };
            Building building = new Building(
                    rnb(),
                    address,
                    label,
                    street,
                    plan.kind(),
                    plan.heating(),
                    round1(floorArea),
                    plan.yearBuilt(),
                    plan.kind().owner == BuildingKind.Owner.PUBLIC,
                    footprint);
            buildings.add(building);
            for (int n = 0; n < sizes.size(); n++) {
                out.add(new Dwelling(
                        building.rnb() + "-" + String.format(Locale.ROOT, "%03d", n + 1),
                        building,
                        round1(sizes.get(n)[0]),
                        (int) sizes.get(n)[1],
                        plan.heating()));
            }
        }
    }

    private double dwellingArea() {
        // From studios to five rooms: 25–110 m², most around 55–70.
        double area = 62 + random.nextGaussian() * 17;
        return Math.max(22, Math.min(115, area));
    }

    private Heating[] houseHeating() {
        return new Heating[] {
            Heating.INDIVIDUAL_GAS_BOILER, Heating.INDIVIDUAL_GAS_BOILER, Heating.ELECTRIC, Heating.HEAT_PUMP
        };
    }

    private Heating publicHeating() {
        return random.nextBoolean() ? Heating.DISTRICT_HEATING : Heating.COLLECTIVE_GAS_BOILER;
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private int year(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private String rnb() {
        while (true) {
            StringBuilder id = new StringBuilder(12);
            for (int i = 0; i < 12; i++) {
                id.append(RNB_ALPHABET.charAt(random.nextInt(RNB_ALPHABET.length())));
            }
            if (rnbIds.add(id.toString())) {
                return id.toString();
            }
        }
    }

    private static String base36(int n, int width) {
        String s = Integer.toString(n, 36);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String lower(String streetName) {
        return Character.toLowerCase(streetName.charAt(0)) + streetName.substring(1);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
