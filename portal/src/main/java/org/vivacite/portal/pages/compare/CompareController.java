package org.vivacite.portal.pages.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.personal.PersonalException;
import org.vivacite.portal.rights.DwellingFacts;

/**
 * {@code GET /me/compare}: the person's consumption of the latest published year beside the homes
 * of their district (IRIS), commune and metropolis, and their share of each area's total. The
 * others' figures are the published residential cells of the annual open data only ({@link
 * PublishedCells}): a cell that disclosure control hid is not compared with, and the page says why;
 * buildings and streets of homes are never published on their own, so no comparison with them is
 * made. The person's own consumption and home come through {@link PersonalData} and {@link
 * DwellingFacts}, which read their data through their personal view.
 */
@Controller
class CompareController {

    private static final MathContext MC = MathContext.DECIMAL64;

    /** The levels a comparison is shown at, finest first; the first two have no published household cell. */
    static final List<TerritorialLevel> LEVELS = List.of(
            TerritorialLevel.BUILDING,
            TerritorialLevel.STREET,
            TerritorialLevel.DISTRICT,
            TerritorialLevel.COMMUNE,
            TerritorialLevel.METROPOLIS);

    private final PersonalData data;
    private final DwellingFacts facts;
    private final ReleaseFolders releases;
    private final String territoryGraph;

    CompareController(
            PersonalData data,
            DwellingFacts facts,
            ReleaseFolders releases,
            @Value("${vivacite.base-iri}") String base) {
        this.data = data;
        this.facts = facts;
        this.releases = releases;
        this.territoryGraph = base + "graph/territory";
    }

    /**
     * One area beside the person.
     *
     * @param state {@code published}, {@code confidential} (hidden by disclosure control), {@code
     *     absent} (no cell of that fluid), {@code not-published} (a level with no household cell),
     *     or {@code unknown} (the territory does not place the home at that level)
     * @param percentOfMean the person's consumption as a percentage of the mean home's, when comparable
     * @param shareOfTotal the person's share of the area's total, in percent, when comparable
     */
    record Beside(
            String level,
            String label,
            String state,
            Integer households,
            BigDecimal mean,
            BigDecimal perM2,
            BigDecimal total,
            Integer percentOfMean,
            BigDecimal shareOfTotal) {}

    /**
     * One fluid of a home.
     *
     * @param mine the person's consumption over the published year, null when their data do not cover it
     * @param coveredDays the days of the year their data have an amount for
     * @param comparable whether the person's figure is set beside the others' (a whole year, the same unit)
     */
    record Fluid(
            String fluid,
            String unit,
            BigDecimal mine,
            BigDecimal minePerM2,
            long coveredDays,
            long days,
            boolean comparable,
            String refused,
            List<Beside> areas) {}

    /** One home of the person's. */
    record Home(String dwelling, BigDecimal floorArea, String heatingSystem, List<Fluid> fluids) {}

    @GetMapping("/me/compare")
    String page(Authentication authentication, Locale locale, Model model) {
        String subject = Identity.of(authentication).subject();
        List<DwellingFacts.Place> places = facts.places(subject, territoryGraph);
        Set<String> areas = new HashSet<>();
        places.forEach(p -> areas.addAll(p.areas().values()));
        Optional<PublishedCells.Published> published;
        try {
            published = PublishedCells.of(releases, areas);
        } catch (OpenDataException e) {
            // a release whose file is not the one published is not compared with
            model.addAttribute("releaseError", e.getMessage());
            published = Optional.empty();
        }
        model.addAttribute("enrolled", !places.isEmpty());
        model.addAttribute(
                "release", published.map(PublishedCells.Published::release).orElse(null));
        model.addAttribute(
                "minHouseholds",
                published.map(PublishedCells.Published::minHouseholds).orElse(null));
        model.addAttribute("heatingSystems", facts.heatingSystems(locale.getLanguage()));
        if (published.isEmpty()) {
            model.addAttribute("homes", List.of());
            return "compare";
        }
        PublishedCells.Published cells = published.get();
        ZoneId zone = data.zone();
        LocalDate start = cells.release().coverageStart();
        LocalDate end = cells.release().coverageEnd();
        Instant from = start.atStartOfDay(zone).toInstant();
        Instant to = end.atStartOfDay(zone).toInstant();
        long days = ChronoUnit.DAYS.between(start, end);
        List<PersonalData.Meter> meters = data.meters(subject);
        List<Home> homes = new ArrayList<>();
        for (DwellingFacts.Place place : places) {
            List<String> fluids = meters.stream()
                    .filter(m -> m.dwelling().equals(place.dwelling()) && m.fluid() != null)
                    .map(PersonalData.Meter::fluid)
                    .distinct()
                    .sorted()
                    .toList();
            List<Fluid> out = new ArrayList<>();
            for (String fluid : fluids) {
                out.add(fluid(subject, place, fluid, cells, from, to, days));
            }
            homes.add(new Home(place.dwelling(), place.floorArea(), place.heatingSystem(), out));
        }
        model.addAttribute("homes", homes);
        return "compare";
    }

    private Fluid fluid(
            String subject,
            DwellingFacts.Place place,
            String fluid,
            PublishedCells.Published cells,
            Instant from,
            Instant to,
            long days) {
        BigDecimal mine = BigDecimal.ZERO;
        long covered = 0;
        String unit = null;
        String refused = null;
        try {
            PersonalData.Consumption c = data.consumption(subject, place.dwelling(), fluid, "P1D", from, to);
            unit = c.unit();
            for (PersonalData.Series s : c.dwellings()) {
                for (PersonalData.Point p : s.points()) {
                    mine = mine.add(p.value());
                    covered++;
                }
            }
        } catch (PersonalException e) {
            refused = e.getMessage();
        }
        String cellUnit = LEVELS.stream()
                .map(l -> place.areas().get(l))
                .filter(a -> a != null)
                .map(a -> cells.row(a, fluid))
                .flatMap(Optional::stream)
                .map(PublishedCells.Row::unit)
                .findFirst()
                .orElse(unit);
        boolean sameUnit = unit != null && unit.equals(cellUnit);
        boolean comparable = refused == null && covered == days && sameUnit;
        BigDecimal minePerM2 =
                comparable && place.floorArea() != null && place.floorArea().signum() > 0
                        ? mine.divide(place.floorArea(), MC)
                        : null;
        List<Beside> areas = new ArrayList<>();
        for (TerritorialLevel level : LEVELS) {
            String area = place.areas().get(level);
            String name = level.name().toLowerCase(Locale.ROOT);
            if (level == TerritorialLevel.BUILDING || level == TerritorialLevel.STREET) {
                areas.add(new Beside(name, null, "not-published", null, null, null, null, null, null));
                continue;
            }
            if (area == null) {
                areas.add(new Beside(name, null, "unknown", null, null, null, null, null, null));
                continue;
            }
            Optional<PublishedCells.Row> row = cells.row(area, fluid);
            if (row.isEmpty()) {
                areas.add(new Beside(name, null, "absent", null, null, null, null, null, null));
            } else if (!row.get().published()) {
                areas.add(new Beside(name, row.get().label(), "confidential", null, null, null, null, null, null));
            } else {
                PublishedCells.Row r = row.get();
                Integer percent = comparable && r.mean() != null && r.mean().signum() > 0
                        ? mine.multiply(BigDecimal.valueOf(100))
                                .divide(r.mean(), 0, RoundingMode.HALF_UP)
                                .intValueExact()
                        : null;
                BigDecimal share = comparable && r.total() != null && r.total().signum() > 0
                        ? mine.multiply(BigDecimal.valueOf(100)).divide(r.total(), MC)
                        : null;
                areas.add(new Beside(
                        name, r.label(), "published", r.households(), r.mean(), r.perM2(), r.total(), percent, share));
            }
        }
        return new Fluid(
                fluid,
                cellUnit == null ? null : cellUnit.substring(cellUnit.lastIndexOf('/') + 1),
                comparable ? mine : null,
                minePerM2,
                covered,
                days,
                comparable,
                refused != null ? refused : sameUnit || unit == null ? null : "unit",
                areas);
    }
}
