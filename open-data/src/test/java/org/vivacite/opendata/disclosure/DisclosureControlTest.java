package org.vivacite.opendata.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.DisclosureRules;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Period.Step;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Protection.Rule;
import org.vivacite.opendata.Protection.Status;
import org.vivacite.opendata.Sector;

class DisclosureControlTest {

    static final Area METRO = new Area("urn:m", TerritorialLevel.METROPOLIS, "M", "Métropole", null);
    static final Area COMMUNE = new Area("urn:c", TerritorialLevel.COMMUNE, "C", "Commune", METRO.iri());
    static final Period YEAR = new Period(LocalDate.of(2025, 3, 1), Step.YEAR);
    static final Period MARCH = new Period(LocalDate.of(2025, 3, 1), Step.MONTH);

    final DisclosureControl control = new DisclosureControl(DisclosureRules.DEFAULTS);

    static Area district(String code) {
        return new Area("urn:d" + code, TerritorialLevel.DISTRICT, code, "District " + code, COMMUNE.iri());
    }

    static Cell cell(Dataset ds, Area a, Period p, Sector s, long total, int count, long largest) {
        return new Cell(
                ds,
                a,
                p,
                null,
                Fluid.ELECTRICITY,
                s,
                BigDecimal.valueOf(total),
                count,
                BigDecimal.valueOf(largest),
                null,
                null,
                null);
    }

    static Cell annual(Area a, Sector s, long total, int count) {
        return cell(Dataset.ANNUAL_BY_DISTRICT, a, YEAR, s, total, count, total / Math.max(count, 1));
    }

    static Cell daily(Area a, LocalDate d, long total, int count) {
        return cell(
                Dataset.DAILY_BY_DISTRICT,
                a,
                new Period(d, Step.DAY),
                Sector.RESIDENTIAL,
                total,
                count,
                total / Math.max(count, 1));
    }

    static Protection only(List<Cell> protectedCells) {
        assertThat(protectedCells).hasSize(1);
        return protectedCells.get(0).protection();
    }

    static Map<String, Protection> byArea(List<Cell> cells) {
        return cells.stream()
                .collect(Collectors.toMap(c -> c.area().iri() + "@" + c.period().label(), Cell::protection));
    }

    private List<Cell> protect(List<Cell> candidates) {
        return control.protect(candidates, List.of(), PublishedHistory.none());
    }

    // ------------------------------------------------------------ primary rules

    @Test
    void householdCellWithNineHouseholdsIsSuppressedAndWithTenIsPublished() {
        assertThat(only(protect(List.of(annual(district("1"), Sector.RESIDENTIAL, 9_000, 9)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_HOUSEHOLDS));
        assertThat(only(protect(List.of(annual(district("1"), Sector.RESIDENTIAL, 10_000, 10)))))
                .isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void businessCellWithTwoContributorsIsSuppressedAndWithThreeIsPublished() {
        assertThat(only(protect(List.of(annual(district("1"), Sector.TERTIARY, 2_000, 2)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_CONTRIBUTORS));
        assertThat(only(protect(List.of(annual(district("1"), Sector.INDUSTRY, 3_000, 3)))))
                .isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void contributorAtExactlyTheDominanceShareIsPublishedAndAboveItIsSuppressed() {
        Area d = district("1");
        assertThat(only(protect(List.of(cell(Dataset.ANNUAL_BY_DISTRICT, d, YEAR, Sector.TERTIARY, 10_000, 5, 8_500)))))
                .isEqualTo(Protection.PUBLISHED);
        assertThat(only(protect(List.of(cell(Dataset.ANNUAL_BY_DISTRICT, d, YEAR, Sector.TERTIARY, 10_000, 5, 8_501)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.DOMINANCE));
    }

    @Test
    void dominantHouseholdIsSuppressedUnlessHouseholdDominanceIsSwitchedOff() {
        Cell street = cell(Dataset.ANNUAL_BY_DISTRICT, district("1"), YEAR, Sector.RESIDENTIAL, 30_000, 12, 27_000);
        assertThat(only(protect(List.of(street)))).isEqualTo(new Protection(Status.PRIMARY, Rule.DOMINANCE));
        DisclosureRules lax =
                new DisclosureRules(10, 3, new BigDecimal("0.85"), false, 100, 500, 5_000, new BigDecimal("0.10"));
        assertThat(only(new DisclosureControl(lax).protect(List.of(street), List.of(), PublishedHistory.none())))
                .isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void dailySeriesNeedsOneHundredHouseholdsNotTen() {
        LocalDate d = LocalDate.of(2025, 3, 1);
        assertThat(only(protect(List.of(daily(district("1"), d, 99_000, 99)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_SERIES_POINTS));
        assertThat(only(protect(List.of(daily(district("1"), d, 100_000, 100)))))
                .isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void monthlySeriesNeedsOneHundredHouseholdsButBusinessCellsOnlyThree() {
        assertThat(only(protect(List.of(
                        cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.RESIDENTIAL, 99_000, 99, 1_000)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_SERIES_POINTS));
        assertThat(only(protect(
                        List.of(cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.TERTIARY, 3_000, 3, 1_000)))))
                .isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void loadProfileOverAMonthNeedsFiveHundredHouseholdsAndFiveThousandBeyondThirtyOneDays() {
        Function<Integer, Cell> profile = n -> new Cell(
                Dataset.LOAD_PROFILE_BY_COMMUNE,
                COMMUNE,
                MARCH,
                LocalTime.of(18, 30),
                Fluid.ELECTRICITY,
                Sector.RESIDENTIAL,
                BigDecimal.valueOf(n * 100L),
                n,
                BigDecimal.valueOf(300),
                null,
                null,
                null);
        assertThat(only(protect(List.of(profile.apply(499)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_SERIES_POINTS));
        assertThat(only(protect(List.of(profile.apply(500))))).isEqualTo(Protection.PUBLISHED);
        PrimaryRules rules = new PrimaryRules(DisclosureRules.DEFAULTS);
        assertThat(rules.householdMinimum(Dataset.LOAD_PROFILE_BY_COMMUNE, YEAR))
                .isEqualTo(5_000);
        assertThat(rules.householdMinimum(
                        Dataset.LOAD_PROFILE_BY_COMMUNE, new Period(LocalDate.of(2025, 3, 1), Step.DAY)))
                .isEqualTo(100);
        assertThat(rules.householdMinimum(Dataset.ANNUAL_BY_DISTRICT, YEAR)).isEqualTo(10);
    }

    @Test
    void flaggedPublicBuildingIsPublishedWhateverItsSize() {
        Area street = new Area(
                "urn:s1", TerritorialLevel.STREET, "S1", "Rue", district("1").iri());
        Area town = new Area("urn:b1", TerritorialLevel.BUILDING, "B1", "Mairie", street.iri());
        DisclosureControl c =
                new DisclosureControl(DisclosureRules.DEFAULTS, List.of(METRO, COMMUNE, district("1"), street, town));
        Cell hall = cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, town, MARCH, Sector.PUBLIC, 5_000, 1, 5_000);
        assertThat(only(c.protect(List.of(hall), List.of(), PublishedHistory.none())))
                .isEqualTo(new Protection(Status.PUBLISHED, Rule.PUBLIC_BUILDING));
    }

    // ------------------------------------------------------------ secondary suppression

    @Test
    void districtOfNineBesideOneOfElevenHidesTheElevenSoTheCommuneCannotBeDifferenced() {
        Area d9 = district("9");
        Area d11 = district("11");
        Area d50 = district("50");
        List<Cell> out = protect(List.of(
                annual(COMMUNE, Sector.RESIDENTIAL, 70_000, 70),
                annual(d9, Sector.RESIDENTIAL, 9_000, 9),
                annual(d11, Sector.RESIDENTIAL, 11_000, 11),
                annual(d50, Sector.RESIDENTIAL, 50_000, 50)));
        Map<String, Protection> p = byArea(out);
        assertThat(p.get(d9.iri() + "@" + YEAR.label()).rule()).isEqualTo(Rule.MIN_HOUSEHOLDS);
        assertThat(p.get(d11.iri() + "@" + YEAR.label()))
                .isEqualTo(new Protection(Status.SECONDARY, Rule.COMPLEMENTARY));
        assertThat(p.get(d50.iri() + "@" + YEAR.label())).isEqualTo(Protection.PUBLISHED);
        assertThat(p.get(COMMUNE.iri() + "@" + YEAR.label())).isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void twoSuppressedSiblingsWhoseSumIsStillTooSmallMakeAThirdHidden() {
        List<Cell> out = protect(List.of(
                annual(COMMUNE, Sector.RESIDENTIAL, 78_000, 78),
                annual(district("a"), Sector.RESIDENTIAL, 4_000, 4),
                annual(district("b"), Sector.RESIDENTIAL, 4_000, 4),
                annual(district("c"), Sector.RESIDENTIAL, 30_000, 30),
                annual(district("d"), Sector.RESIDENTIAL, 40_000, 40)));
        Map<String, Protection> p = byArea(out);
        assertThat(p.get(district("a").iri() + "@" + YEAR.label()).status()).isEqualTo(Status.PRIMARY);
        assertThat(p.get(district("b").iri() + "@" + YEAR.label()).status()).isEqualTo(Status.PRIMARY);
        assertThat(p.get(district("c").iri() + "@" + YEAR.label()))
                .isEqualTo(new Protection(Status.SECONDARY, Rule.COMPLEMENTARY));
        assertThat(p.get(district("d").iri() + "@" + YEAR.label())).isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void metropolisOfTwoCommunesHidesTheSecondCommuneWhenTheFirstIsSuppressed() {
        Area other = new Area("urn:c2", TerritorialLevel.COMMUNE, "C2", "Autre", METRO.iri());
        List<Cell> out = protect(List.of(
                annual(METRO, Sector.TERTIARY, 10_000, 5),
                annual(COMMUNE, Sector.TERTIARY, 2_000, 2),
                annual(other, Sector.TERTIARY, 8_000, 3)));
        assertThat(out)
                .extracting(Cell::protection)
                .containsExactly(
                        Protection.PUBLISHED,
                        new Protection(Status.PRIMARY, Rule.MIN_CONTRIBUTORS),
                        new Protection(Status.SECONDARY, Rule.COMPLEMENTARY));
    }

    @Test
    void suppressedDayCannotBeRecoveredFromTheYearOfTheSameDistrict() {
        Area d = district("1");
        List<Cell> cells = new ArrayList<>();
        cells.add(cell(Dataset.ANNUAL_BY_DISTRICT, d, YEAR, Sector.RESIDENTIAL, 0, 0, 0)); // replaced below
        long total = 0;
        for (LocalDate day = YEAR.start(); day.isBefore(YEAR.end()); day = day.plusDays(1)) {
            int n = day.equals(LocalDate.of(2025, 7, 14)) ? 99 : 120;
            long t = n * 10L + (day.getDayOfYear() % 7);
            total += t;
            cells.add(daily(d, day, t, n));
        }
        cells.set(0, cell(Dataset.ANNUAL_BY_DISTRICT, d, YEAR, Sector.RESIDENTIAL, total, 120, 30));
        List<Cell> out = protect(cells);
        assertThat(out.get(0).protection()).isEqualTo(Protection.PUBLISHED);
        List<Cell> hidden =
                out.stream().filter(c -> !c.protection().published()).toList();
        assertThat(hidden)
                .extracting(c -> c.period().start() + " " + c.protection().rule())
                .hasSize(2)
                .contains("2025-07-14 " + Rule.MIN_SERIES_POINTS);
        assertThat(hidden)
                .filteredOn(c -> c.protection().status() == Status.SECONDARY)
                .hasSize(1);
    }

    @Test
    void suppressedDistrictMonthCannotBeRecoveredFromItsCommuneMonthMinusTheOtherDistrictsDays() {
        // tertiary: district x has 2 contributors (suppressed daily), district y 5 (published daily);
        // the commune's month (7) is published: month − Σ days of y would give x's month.
        Area x = district("x");
        Area y = district("y");
        List<Cell> cells = new ArrayList<>();
        long month = 0;
        for (LocalDate day = MARCH.start(); day.isBefore(MARCH.end()); day = day.plusDays(1)) {
            Period p = new Period(day, Step.DAY);
            cells.add(cell(Dataset.DAILY_BY_DISTRICT, x, p, Sector.TERTIARY, 200, 2, 100));
            cells.add(cell(Dataset.DAILY_BY_DISTRICT, y, p, Sector.TERTIARY, 500 + day.getDayOfMonth(), 5, 110));
            month += 700 + day.getDayOfMonth();
        }
        cells.add(cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.TERTIARY, month, 7, 3_500));
        List<Cell> out = protect(cells);
        List<Cell> yHidden = out.stream()
                .filter(c -> c.area().equals(y) && !c.protection().published())
                .toList();
        Cell commune = out.get(out.size() - 1);
        assertThat(yHidden.isEmpty() && commune.protection().published())
                .as("either a day of y or the commune's month is hidden")
                .isFalse();
        assertThat(out)
                .filteredOn(c -> c.area().equals(x))
                .allMatch(c -> c.protection().equals(new Protection(Status.PRIMARY, Rule.MIN_CONTRIBUTORS)));
    }

    @Test
    void communeMonthIsHiddenWhenItsUnflaggedPublicBuildingsAreTwo() {
        assertThat(publicBuildingsCase(2).get(0).protection())
                .isEqualTo(new Protection(Status.SECONDARY, Rule.COMPLEMENTARY));
    }

    @Test
    void communeMonthIsPublishedWhenItsUnflaggedPublicBuildingsAreThreeWithoutDominance() {
        List<Cell> out = publicBuildingsCase(3);
        assertThat(out.get(0).protection()).isEqualTo(Protection.PUBLISHED);
        assertThat(out.subList(1, out.size()))
                .allMatch(c -> c.protection().equals(new Protection(Status.PUBLISHED, Rule.PUBLIC_BUILDING)));
    }

    /** A commune's public month, two flagged buildings and {@code unflagged} others of 1 000 each. */
    private List<Cell> publicBuildingsCase(int unflagged) {
        Area d = district("1");
        Area street = new Area("urn:s1", TerritorialLevel.STREET, "S1", "Rue", d.iri());
        List<Area> territory = new ArrayList<>(List.of(METRO, COMMUNE, d, street));
        List<Cell> support = new ArrayList<>();
        List<Cell> flagged = new ArrayList<>();
        for (int i = 0; i < 2 + unflagged; i++) {
            Area b = new Area("urn:b" + i, TerritorialLevel.BUILDING, "B" + i, "Bâtiment " + i, street.iri());
            territory.add(b);
            Cell c = cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, b, MARCH, Sector.PUBLIC, 1_000, 1, 1_000);
            support.add(c);
            if (i < 2) {
                flagged.add(c);
            }
        }
        List<Cell> candidates = new ArrayList<>();
        candidates.add(cell(
                Dataset.MONTHLY_BY_COMMUNE,
                COMMUNE,
                MARCH,
                Sector.PUBLIC,
                1_000L * (2 + unflagged),
                2 + unflagged,
                1_000));
        candidates.addAll(flagged);
        return new DisclosureControl(DisclosureRules.DEFAULTS, territory)
                .protect(candidates, support, PublishedHistory.none());
    }

    @Test
    void districtYearIsHiddenWhenItMinusItsFlaggedBuildingsMonthsGivesTwoUnflaggedBuildingsAway() {
        // Found by the DSO-correction trap's author: a year tiled by whole months, minus the twelve
        // published months of its flagged buildings, is the year of the two unflagged ones.
        Area d = district("1");
        Area street = new Area("urn:s1", TerritorialLevel.STREET, "S1", "Rue", d.iri());
        List<Area> territory = new ArrayList<>(List.of(METRO, COMMUNE, d, street));
        List<Cell> candidates = new ArrayList<>();
        candidates.add(cell(Dataset.ANNUAL_BY_DISTRICT, d, YEAR, Sector.PUBLIC, 48_000, 4, 12_000));
        List<Cell> support = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Area b = new Area("urn:b" + i, TerritorialLevel.BUILDING, "B" + i, "Bâtiment " + i, street.iri());
            territory.add(b);
            for (LocalDate m = YEAR.start(); m.isBefore(YEAR.end()); m = m.plusMonths(1)) {
                Cell c = cell(
                        Dataset.PUBLIC_BUILDINGS_MONTHLY, b, new Period(m, Step.MONTH), Sector.PUBLIC, 1_000, 1, 1_000);
                support.add(c);
                if (i < 2) {
                    candidates.add(c);
                }
            }
        }
        List<Cell> out = new DisclosureControl(DisclosureRules.DEFAULTS, territory)
                .protect(candidates, support, PublishedHistory.none());
        assertThat(out.get(0).protection()).isEqualTo(new Protection(Status.SECONDARY, Rule.COMPLEMENTARY));
        assertThat(out.subList(1, out.size()))
                .allMatch(c -> c.protection().equals(new Protection(Status.PUBLISHED, Rule.PUBLIC_BUILDING)));
    }

    @Test
    void aReleaseThatCannotProtectACellIsRefusedNamingTheCellAndTheRelation() {
        // An earlier release published the commune's public month of three buildings. One of them is
        // now flagged for individual publication: the other two's sum follows by subtraction, and no
        // cell of the relation can be hidden (the month is final, the flagged building exempt).
        Area d = district("1");
        Area street = new Area("urn:s1", TerritorialLevel.STREET, "S1", "Rue", d.iri());
        List<Area> territory = new ArrayList<>(List.of(METRO, COMMUNE, d, street));
        List<Cell> support = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Area b = new Area("urn:b" + i, TerritorialLevel.BUILDING, "B" + i, "Bâtiment " + i, street.iri());
            territory.add(b);
            support.add(cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, b, MARCH, Sector.PUBLIC, 1_000 + 100 * i, 1, 1_000));
        }
        Cell month = cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.PUBLIC, 3_300, 3, 1_200);
        PublishedHistory earlier = PublishedHistory.of(List.of(month.with(Protection.PUBLISHED)));
        DisclosureControl c = new DisclosureControl(DisclosureRules.DEFAULTS, territory);
        assertThatThrownBy(() -> c.protect(List.of(month, support.get(0)), support, earlier))
                .isInstanceOf(OpenDataException.class)
                .hasMessageStartingWith("release refused, nothing published: ")
                .hasMessageContaining(
                        "the rest of urn:c#unflagged-public-buildings 2025-03 electricity public (min-contributors)")
                .hasMessageContaining("from the relation monthly-consumption-by-commune cell urn:c 2025-03"
                        + " electricity public = public-buildings-monthly cell urn:b0 2025-03 electricity public"
                        + " + the rest of urn:c");
    }

    @Test
    void aReleaseWhoseHiddenCellAnAttackerBoundsWithinTheProtectionLevelIsRefused() {
        // An earlier release published the metropolis's month; its two communes are both too small
        // for a monthly series (fewer than 100 households) and hidden. Nobody can solve either, and
        // their sum passes the rules; but the second is small: the first is at most the metropolis's
        // month, 4 % above its value, and nothing is left to hide.
        Area other = new Area("urn:c2", TerritorialLevel.COMMUNE, "C2", "Commune 2", METRO.iri());
        Cell metro = cell(Dataset.MONTHLY_BY_COMMUNE, METRO, MARCH, Sector.RESIDENTIAL, 10_400, 110, 200);
        Cell big = cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.RESIDENTIAL, 10_000, 50, 200);
        Cell small = cell(Dataset.MONTHLY_BY_COMMUNE, other, MARCH, Sector.RESIDENTIAL, 400, 60, 10);
        PublishedHistory earlier = PublishedHistory.of(List.of(metro.with(Protection.PUBLISHED)));
        DisclosureControl c = new DisclosureControl(DisclosureRules.DEFAULTS, List.of(METRO, COMMUNE, other));
        assertThatThrownBy(() -> c.protect(List.of(metro, big, small), List.of(), earlier))
                .isInstanceOf(OpenDataException.class)
                .hasMessageStartingWith("release refused, nothing published: monthly-consumption-by-commune cell"
                        + " urn:c 2025-03 electricity residential (min-series-points) keeps a range an attacker can"
                        + " deduce narrower than ±0.10 of its value");
    }

    @Test
    void aDistrictWhosePublicBuildingsAreAllFlaggedIsNoLeakAndNoRefusal() {
        // The district's one public building is published individually: its public days are
        // hidden (one contributor), and their sum is the building's month, published by choice.
        Area d = district("1");
        Area street = new Area("urn:s1", TerritorialLevel.STREET, "S1", "Rue", d.iri());
        Area hall = new Area("urn:b1", TerritorialLevel.BUILDING, "B1", "Mairie", street.iri());
        List<Cell> candidates = new ArrayList<>();
        for (LocalDate day = MARCH.start(); day.isBefore(MARCH.end()); day = day.plusDays(1)) {
            candidates.add(cell(Dataset.DAILY_BY_DISTRICT, d, new Period(day, Step.DAY), Sector.PUBLIC, 100, 1, 100));
        }
        candidates.add(cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, hall, MARCH, Sector.PUBLIC, 3_100, 1, 3_100));
        List<Cell> out = new DisclosureControl(DisclosureRules.DEFAULTS, List.of(METRO, COMMUNE, d, street, hall))
                .protect(candidates, List.of(), PublishedHistory.none());
        assertThat(out.subList(0, 31))
                .allMatch(c -> c.protection().equals(new Protection(Status.PRIMARY, Rule.MIN_CONTRIBUTORS)));
        assertThat(out.get(31).protection()).isEqualTo(new Protection(Status.PUBLISHED, Rule.PUBLIC_BUILDING));
    }

    @Test
    void aCommuneWhosePublicBuildingsAreAllFlaggedIsNoLeakAndNoRefusal() {
        // The demo city's first release was refused this way: a commune's public heat comes from two
        // buildings, both published individually, one per district. The commune's month (two
        // contributors) and the first district's days (one) are hidden; the attacker works out the
        // month, the days' sum and the rest of the commune from the buildings, which tell no more
        // than the buildings' own published months.
        Area d1 = district("1");
        Area d2 = district("2");
        Area s1 = new Area("urn:s1", TerritorialLevel.STREET, "S1", "Rue 1", d1.iri());
        Area s2 = new Area("urn:s2", TerritorialLevel.STREET, "S2", "Rue 2", d2.iri());
        Area hall = new Area("urn:b1", TerritorialLevel.BUILDING, "B1", "Mairie", s1.iri());
        Area school = new Area("urn:b2", TerritorialLevel.BUILDING, "B2", "École", s2.iri());
        List<Cell> candidates = new ArrayList<>();
        for (LocalDate day = MARCH.start(); day.isBefore(MARCH.end()); day = day.plusDays(1)) {
            candidates.add(cell(Dataset.DAILY_BY_DISTRICT, d1, new Period(day, Step.DAY), Sector.PUBLIC, 100, 1, 100));
        }
        candidates.add(cell(Dataset.MONTHLY_BY_COMMUNE, COMMUNE, MARCH, Sector.PUBLIC, 5_100, 2, 3_100));
        candidates.add(cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, hall, MARCH, Sector.PUBLIC, 3_100, 1, 3_100));
        candidates.add(cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, school, MARCH, Sector.PUBLIC, 2_000, 1, 2_000));
        List<Cell> out = new DisclosureControl(
                        DisclosureRules.DEFAULTS, List.of(METRO, COMMUNE, d1, d2, s1, s2, hall, school))
                .protect(candidates, List.of(), PublishedHistory.none());
        assertThat(out.subList(0, 32)).allMatch(c -> !c.protection().published());
        assertThat(out.subList(32, 34))
                .allMatch(c -> c.protection().equals(new Protection(Status.PUBLISHED, Rule.PUBLIC_BUILDING)));
    }

    @Test
    void publicBuildingOutsideAKnownCommuneIsAnError() {
        Area b = new Area("urn:b", TerritorialLevel.BUILDING, "B", "B", "urn:unknown-street");
        Cell c = cell(Dataset.PUBLIC_BUILDINGS_MONTHLY, b, MARCH, Sector.PUBLIC, 1_000, 1, 1_000);
        assertThatThrownBy(() -> protect(List.of(c)))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("urn:b")
                .hasMessageContaining("territory");
    }

    @Test
    void sameKeyTwiceIsAnError() {
        Cell c = annual(COMMUNE, Sector.RESIDENTIAL, 10_000, 10);
        assertThatThrownBy(() -> protect(List.of(c, c)))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("twice");
    }

    // ------------------------------------------------------------ release differencing

    @Test
    void cellAnEarlierReleasePublishedForTheSamePeriodIsRepublishedUnchanged() {
        Cell before = annual(district("1"), Sector.RESIDENTIAL, 10_000, 10).with(Protection.PUBLISHED);
        Cell now = annual(district("1"), Sector.RESIDENTIAL, 10_250, 9); // a late reading, a meter lost
        List<Cell> out = control.protect(List.of(now), List.of(), PublishedHistory.of(List.of(before)));
        assertThat(out).containsExactly(before);
    }

    @Test
    void cellAnEarlierReleaseSuppressedStaysSuppressedWithItsEarlierRule() {
        Cell before = annual(district("1"), Sector.RESIDENTIAL, 9_000, 9)
                .with(new Protection(Status.PRIMARY, Rule.MIN_HOUSEHOLDS));
        Cell now = annual(district("1"), Sector.RESIDENTIAL, 12_000, 12);
        assertThat(only(control.protect(List.of(now), List.of(), PublishedHistory.of(List.of(before)))))
                .isEqualTo(new Protection(Status.PRIMARY, Rule.MIN_HOUSEHOLDS));
    }

    @Test
    void rollingYearThatLostDaysOfTooFewHouseholdsIsSuppressedForReleaseDifference() {
        assertThat(only(rollingYear(6))).isEqualTo(new Protection(Status.SECONDARY, Rule.RELEASE_DIFFERENCE));
    }

    @Test
    void rollingYearWhoseGainedAndLostDaysHaveEnoughHouseholdsIsPublished() {
        assertThat(only(rollingYear(12))).isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void rollingYearWithoutTheDailyCellsToCheckTheDifferenceIsSuppressed() {
        Period next = new Period(LocalDate.of(2025, 4, 1), Step.YEAR);
        Cell before = annual(district("1"), Sector.RESIDENTIAL, 12_000, 12).with(Protection.PUBLISHED);
        Cell now = cell(Dataset.ANNUAL_BY_DISTRICT, district("1"), next, Sector.RESIDENTIAL, 12_000, 12, 1_000);
        assertThat(only(control.protect(List.of(now), List.of(), PublishedHistory.of(List.of(before)))))
                .isEqualTo(new Protection(Status.SECONDARY, Rule.RELEASE_DIFFERENCE));
    }

    /** Year 1 from 2025-03-01 published, year 2 from 2025-04-01; the lost March has {@code lostCount} households a day. */
    private List<Cell> rollingYear(int lostCount) {
        return rollingYear(lostCount, 0, false, true);
    }

    /**
     * {@link #rollingYear(int)}, where the day {@link #CORRECTED} (in both years) has grown by
     * {@code correction} since year 1 was published (a DSO value replacing a derived one); {@code
     * dayPublished}: the first release also published that day's cell, which the second republishes;
     * {@code yearPublished}: it published year 1.
     */
    private List<Cell> rollingYear(int lostCount, long correction, boolean dayPublished, boolean yearPublished) {
        Area d = district("1");
        Period next = new Period(LocalDate.of(2025, 4, 1), Step.YEAR);
        List<Cell> support = new ArrayList<>();
        List<Cell> candidates = new ArrayList<>();
        List<Cell> history = new ArrayList<>();
        long year1 = 0;
        for (LocalDate day = YEAR.start(); day.isBefore(next.end()); day = day.plusDays(1)) {
            int n = MARCH.contains(day) ? lostCount : 12;
            year1 += YEAR.contains(day) ? n * 3L : 0;
            if (day.equals(CORRECTED)) {
                Cell then = daily(d, day, n * 3L, n).with(Protection.PUBLISHED);
                Cell corrected = daily(d, day, n * 3L + correction, n);
                (dayPublished ? candidates : support).add(corrected);
                if (dayPublished) {
                    history.add(then);
                }
                continue;
            }
            support.add(daily(d, day, n * 3L, n));
        }
        if (yearPublished) {
            history.add(annual(d, Sector.RESIDENTIAL, year1, 12).with(Protection.PUBLISHED));
        }
        candidates.add(cell(Dataset.ANNUAL_BY_DISTRICT, d, next, Sector.RESIDENTIAL, 13_200 + correction, 12, 1_100));
        return control.protect(candidates, support, PublishedHistory.of(history)).stream()
                .filter(c -> c.period().step() == Step.YEAR)
                .toList();
    }

    static final LocalDate CORRECTED = LocalDate.of(2025, 11, 20);

    @Test
    void rollingYearWhoseSharedDayWasCorrectedSinceTheEarlierReleaseIsSuppressed() {
        // year 2 − year 1 = the days gained − the days lost + the correction: one household's
        assertThat(only(rollingYear(12, 60, false, true)))
                .as("the day's cell was never published: its days no longer sum to year 1")
                .isEqualTo(new Protection(Status.SECONDARY, Rule.RELEASE_DIFFERENCE));
        assertThat(only(rollingYear(12, 60, true, true)))
                .as("the day's cell was published and is republished with its first value")
                .isEqualTo(new Protection(Status.SECONDARY, Rule.RELEASE_DIFFERENCE));
        // year 2 − its days as published = the correction, whether year 1 was published or not
        assertThat(only(rollingYear(12, 60, true, false)))
                .as("year 1 hidden, the day's cell published")
                .isEqualTo(new Protection(Status.SECONDARY, Rule.RELEASE_DIFFERENCE));
        assertThat(only(rollingYear(12, 0, true, true))).isEqualTo(Protection.PUBLISHED);
    }

    @Test
    void historyRefusesACellWithoutProtection() {
        assertThatThrownBy(() -> PublishedHistory.of(List.of(annual(COMMUNE, Sector.RESIDENTIAL, 1, 1))))
                .isInstanceOf(OpenDataException.class)
                .hasMessageContaining("no protection");
    }
}
