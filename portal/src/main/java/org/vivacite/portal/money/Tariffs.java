package org.vivacite.portal.money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.ResourceLoader;

/**
 * The timelines of the configuration ({@link MoneyProperties}), read once: the regulated
 * electricity tariffs per subscribed power, the Tempo calendar, gas with its calorific value,
 * water, district heat, and the emission factors of the configured use.
 */
public final class Tariffs {

    /** The electricity options of the regulated tariff. */
    public enum Option {
        BASE,
        HPHC,
        TEMPO;

        static Option of(String name) {
            return of(name, "vivacite.money.electricity-option");
        }

        /** The option named (any case), or an error naming {@code what} was given. */
        static Option of(String name, String what) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new MoneyException(what + ": '" + name + "' is none of base, hphc, tempo");
            }
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The colour of a Tempo day (RTE's BLEU, BLANC, ROUGE). */
    public enum Colour {
        BLUE("Bleu"),
        WHITE("Blanc"),
        RED("Rouge");

        /** How the regulator's Tempo file names the colour in its columns. */
        final String cre;

        Colour(String cre) {
            this.cre = cre;
        }

        static Optional<Colour> of(String name) {
            return switch (name.strip().toUpperCase(Locale.ROOT)) {
                case "BLEU", "BLUE" -> Optional.of(BLUE);
                case "BLANC", "WHITE" -> Optional.of(WHITE);
                case "ROUGE", "RED" -> Optional.of(RED);
                default -> Optional.empty();
            };
        }
    }

    /** A price without taxes ({@code ht}, null when the file does not give it) and with them ({@code ttc}). */
    public record Price(BigDecimal ht, BigDecimal ttc) {}

    /**
     * The rates of a period: the yearly fixed part (null when the file does not give it) and the
     * price of each unit by price period ({@code base}, {@code hc}, {@code hp}, {@code hc-blue}…,
     * {@code energy}, {@code water}, {@code sanitation}).
     */
    public record Rates(Price fixed, Map<String, Price> variable) {}

    /** An emission factor: kg CO2e per kWh, per kWh PCI when {@code perPci}, and where it comes from. */
    public record Factor(BigDecimal kgPerKwh, boolean perPci, String source) {}

    /** An off-peak window, local time; it runs past midnight when {@code to} is before {@code from}. */
    public record Window(LocalTime from, LocalTime to) {

        static Window parse(String text) {
            return parse(text, "vivacite.money.off-peak-hours");
        }

        /** A window {@code HH:mm-HH:mm}, or an error naming {@code what} was given. */
        static Window parse(String text, String what) {
            String[] parts = text.strip().split("-");
            try {
                if (parts.length == 2) {
                    return new Window(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
                }
            } catch (DateTimeParseException e) {
                // said below
            }
            throw new MoneyException(what + ": '" + text + "' is not HH:mm-HH:mm");
        }

        @Override
        public String toString() {
            return from + "-" + to;
        }
    }

    /**
     * A household's electricity contract: its option and, under peak/off-peak hours, the off-peak
     * windows of its delivery point (Tempo's are always 22:00-06:00, base has none).
     */
    public record Contract(Option option, List<Window> offPeak) {

        public Contract {
            offPeak = switch (option) {
                case BASE -> List.of();
                case HPHC -> List.copyOf(offPeak);
                case TEMPO -> List.of(TEMPO_OFF_PEAK);
            };
        }

        /**
         * A contract as a person gives it: an option's code and, for {@code hphc}, windows {@code
         * HH:mm-HH:mm} separated by commas.
         *
         * @throws MoneyException naming the field ({@code option}, {@code offPeakHours}) and what is wrong
         */
        public static Contract parse(String option, String offPeakHours) {
            Option o = Option.of(option == null ? "" : option, "option");
            List<Window> windows = new java.util.ArrayList<>();
            if (o == Option.HPHC) {
                if (offPeakHours == null || offPeakHours.isBlank()) {
                    throw new MoneyException("offPeakHours: the off-peak hours of the peak/off-peak option are"
                            + " missing (e.g. 22:00-06:00, or 01:00-07:00, 12:30-14:30)");
                }
                for (String w : offPeakHours.split(",")) {
                    windows.add(Window.parse(w, "offPeakHours"));
                }
                long minutes = 0;
                for (Window w : windows) {
                    long m = java.time.Duration.between(w.from(), w.to()).toMinutes();
                    minutes += m <= 0 ? m + 24 * 60 : m;
                }
                if (minutes != 8 * 60) {
                    throw new MoneyException("offPeakHours: '" + offPeakHours.strip() + "' make " + minutes / 60 + " h "
                            + minutes % 60 + " min; a delivery point has 8 off-peak hours a day");
                }
            }
            return new Contract(o, windows);
        }

        /** The off-peak hours as {@link #parse} reads them. */
        public String offPeakHours() {
            return String.join(", ", offPeak.stream().map(Window::toString).toList());
        }
    }

    /** Tempo's off-peak hours, the same for every delivery point. */
    public static final Window TEMPO_OFF_PEAK = new Window(LocalTime.of(22, 0), LocalTime.of(6, 0));

    final MoneyProperties properties;
    final Option option;
    final List<Window> offPeak;
    final Map<Option, Timeline<Rates>> electricity;
    final Map<LocalDate, Colour> tempo;
    final Timeline<Rates> gas;
    private final Timeline<BigDecimal> calorificValue;
    final Timeline<Rates> water;
    final Timeline<Rates> heat;
    final Map<String, Timeline<Factor>> factors;

    /**
     * @throws MoneyException naming the key, file, line or column that is wrong
     */
    public Tariffs(MoneyProperties p, ResourceLoader loader) {
        this.properties = p;
        this.option = Option.of(p.electricityOption());
        this.offPeak = p.offPeakHours().stream().map(Window::parse).toList();
        if (p.dailyOffPeakShare().signum() < 0 || p.dailyOffPeakShare().compareTo(BigDecimal.ONE) > 0) {
            throw new MoneyException(
                    "vivacite.money.daily-off-peak-share: " + p.dailyOffPeakShare() + " is not between 0 and 1");
        }
        if (p.pcsPerPci().signum() <= 0) {
            throw new MoneyException("vivacite.money.pcs-per-pci: " + p.pcsPerPci() + " is not positive");
        }
        // every option's timeline: a household may have another option than the configured one
        Map<String, String> tempoColumns = new LinkedHashMap<>();
        for (Colour c : Colour.values()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            tempoColumns.put("hc-" + name, "_HC" + c.cre);
            tempoColumns.put("hp-" + name, "_HP" + c.cre);
        }
        this.electricity = Map.of(
                Option.BASE,
                electricity(loader, p.electricityBase(), p.subscribedKva(), Map.of("base", "")),
                Option.HPHC,
                electricity(loader, p.electricityHphc(), p.subscribedKva(), ordered("hc", "_HC", "hp", "_HP")),
                Option.TEMPO,
                electricity(loader, p.electricityTempo(), p.subscribedKva(), tempoColumns));
        this.tempo = calendar(loader, p.tempoCalendar());
        this.gas = simple(loader, p.gas(), Map.of("energy", "PART_VARIABLE_TTC"));
        this.water =
                simple(loader, p.water(), ordered("water", "PART_VARIABLE_TTC", "sanitation", "ASSAINISSEMENT_TTC"));
        this.heat = simple(loader, p.heat(), Map.of("energy", "PART_VARIABLE_TTC"));
        List<Timeline.Entry<BigDecimal>> pcs = new ArrayList<>();
        for (TariffFile.Row r :
                TariffFile.read(loader, p.gasCalorificValue(), List.of("DATE_DEBUT", "DATE_FIN", "PCS_KWH_M3"))) {
            BigDecimal v = r.decimal("PCS_KWH_M3", true);
            if (v.signum() <= 0) {
                throw r.error("PCS_KWH_M3", v + " is not positive");
            }
            pcs.add(new Timeline.Entry<>(r.date("DATE_DEBUT", true), r.date("DATE_FIN", false), v));
        }
        this.calorificValue = new Timeline<>(p.gasCalorificValue(), pcs);
        this.factors = factors(loader, p.emissionFactors(), p.emissionUse());
    }

    /** A map in the order of its keys and values, given in pairs. */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** The rows of the configured subscribed power in a regulated electricity tariff file. */
    private static Timeline<Rates> electricity(
            ResourceLoader loader, String location, int kva, Map<String, String> periods) {
        // the prices without taxes (_HT) are read when the file has them
        List<String> required = new ArrayList<>(List.of("DATE_DEBUT", "DATE_FIN", "P_SOUSCRITE", "PART_FIXE_TTC"));
        periods.values().forEach(s -> required.add("PART_VARIABLE" + s + "_TTC"));
        List<Timeline.Entry<Rates>> entries = new ArrayList<>();
        for (TariffFile.Row r : TariffFile.read(loader, location, required)) {
            BigDecimal power = r.decimal("P_SOUSCRITE", true);
            if (power.compareTo(BigDecimal.valueOf(kva)) != 0) {
                continue;
            }
            BigDecimal fixed = r.decimal("PART_FIXE_TTC", false);
            Map<String, Price> variable = new LinkedHashMap<>();
            periods.forEach((period, suffix) -> variable.put(
                    period,
                    new Price(
                            r.decimal("PART_VARIABLE" + suffix + "_HT", false),
                            r.decimal("PART_VARIABLE" + suffix + "_TTC", true))));
            entries.add(new Timeline.Entry<>(
                    r.date("DATE_DEBUT", true),
                    r.date("DATE_FIN", false),
                    new Rates(fixed == null ? null : new Price(r.decimal("PART_FIXE_HT", false), fixed), variable)));
        }
        return new Timeline<>(location + ", " + kva + " kVA", entries);
    }

    /** A timeline of a yearly fixed part ({@code PART_FIXE_TTC}) and prices per unit, with taxes. */
    private static Timeline<Rates> simple(ResourceLoader loader, String location, Map<String, String> periods) {
        List<String> required = new ArrayList<>(List.of("DATE_DEBUT", "DATE_FIN", "PART_FIXE_TTC"));
        required.addAll(periods.values());
        List<Timeline.Entry<Rates>> entries = new ArrayList<>();
        for (TariffFile.Row r : TariffFile.read(loader, location, required)) {
            Map<String, Price> variable = new LinkedHashMap<>();
            periods.forEach((period, column) -> variable.put(period, new Price(null, r.decimal(column, true))));
            entries.add(new Timeline.Entry<>(
                    r.date("DATE_DEBUT", true),
                    r.date("DATE_FIN", false),
                    new Rates(new Price(null, r.decimal("PART_FIXE_TTC", true)), variable)));
        }
        return new Timeline<>(location, entries);
    }

    private static Map<LocalDate, Colour> calendar(ResourceLoader loader, String location) {
        Map<LocalDate, Colour> out = new TreeMap<>();
        for (TariffFile.Row r : TariffFile.read(loader, location, List.of("date", "colour"))) {
            String c = r.text("colour");
            out.put(
                    r.date("date", true),
                    Colour.of(c).orElseThrow(() -> r.error("colour", "'" + c + "' is none of BLEU, BLANC, ROUGE")));
        }
        return out;
    }

    private static Map<String, Timeline<Factor>> factors(ResourceLoader loader, String location, String use) {
        Map<String, List<Timeline.Entry<Factor>>> byFluid = new HashMap<>();
        for (TariffFile.Row r : TariffFile.read(
                loader,
                location,
                List.of("DATE_DEBUT", "DATE_FIN", "FLUIDE", "USAGE", "KGCO2E_KWH", "POUVOIR_CALORIFIQUE", "SOURCE"))) {
            if (!r.text("USAGE").equals(use)) {
                continue;
            }
            String basis = r.text("POUVOIR_CALORIFIQUE");
            if (!basis.isEmpty() && !basis.equals("PCI") && !basis.equals("PCS")) {
                throw r.error("POUVOIR_CALORIFIQUE", "'" + basis + "' is none of PCI, PCS or empty");
            }
            byFluid.computeIfAbsent(r.text("FLUIDE"), k -> new ArrayList<>())
                    .add(new Timeline.Entry<>(
                            r.date("DATE_DEBUT", true),
                            r.date("DATE_FIN", false),
                            new Factor(r.decimal("KGCO2E_KWH", true), basis.equals("PCI"), r.text("SOURCE"))));
        }
        Map<String, Timeline<Factor>> out = new HashMap<>();
        byFluid.forEach((fluid, entries) -> out.put(fluid, new Timeline<>(location + ", " + fluid, entries)));
        return out;
    }

    /**
     * The gas calorific value of a day, kWh PCS per m³ ({@code vivacite.money.gas-calorific-value}),
     * if the configured timeline covers it.
     */
    public Optional<BigDecimal> gasCalorificValue(LocalDate day) {
        return calorificValue.at(day).map(Timeline.Entry::value);
    }

    /** The configured option: every household's but those who gave theirs ({@link Contract}). */
    public Option option() {
        return option;
    }

    /** The configured contract: the option and off-peak hours of {@code vivacite.money.*}. */
    public Contract contract() {
        return new Contract(option, offPeak);
    }

    public int subscribedKva() {
        return properties.subscribedKva();
    }

    /** The rates of a fluid's timeline ({@code electricity} at the contract's option and the configured power). */
    Timeline<Rates> rates(String fluid, Contract contract) {
        return switch (fluid) {
            case "electricity" -> electricity.get(contract.option());
            case "gas" -> gas;
            case "water" -> water;
            case "heat" -> heat;
            default -> throw new MoneyException("fluid: '" + fluid + "' is none of [electricity, gas, water, heat]");
        };
    }

    /** The share of a day's electricity counted off-peak when only daily amounts are known. */
    public BigDecimal dailyOffPeakShare() {
        return properties.dailyOffPeakShare();
    }

    /**
     * The electricity rates of a contract's option at the configured power on a day ({@code base};
     * {@code hc}, {@code hp}; {@code hc-blue}, {@code hp-red}…), if the tariff file covers it.
     */
    public Optional<Rates> electricityRates(Contract contract, LocalDate day) {
        return electricity.get(contract.option()).at(day).map(Timeline.Entry::value);
    }

    /** The colour of a Tempo day (the day from 6:00 that date to 6:00 the next), if the calendar has it. */
    public Optional<Colour> colour(LocalDate tempoDay) {
        return Optional.ofNullable(tempo.get(tempoDay));
    }

    Optional<Timeline.Entry<Factor>> factor(String fluid, LocalDate day) {
        Timeline<Factor> t = factors.get(fluid);
        return t == null ? Optional.empty() : t.at(day);
    }
}
