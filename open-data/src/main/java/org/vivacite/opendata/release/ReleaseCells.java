package org.vivacite.opendata.release;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.ontology.TerritorialLevel;
import org.vivacite.opendata.Area;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Sector;
import org.vivacite.opendata.aggregate.Territory;

/**
 * Reads a release's cells back from its CSV file and its private audit record: what it published,
 * and how each cell was protected. The next release's disclosure control needs exactly that
 * (published figures are final; a cell may not be recovered by differencing two releases), and only
 * that: nothing is kept from a release but its public files and the protection of its confidential
 * cells.
 */
final class ReleaseCells {

    private ReleaseCells() {}

    /**
     * @param audit how the release's confidential cells were protected, from its private audit record
     *     ({@link ReleaseAudit#read}); asked only if the file has a confidential cell
     */
    static List<Cell> read(Path csv, Dataset dataset, Territory territory, Supplier<Map<Cell.Key, Protection>> audit) {
        List<Cell> cells = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                cells.add(cell(r, dataset, territory, audit));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | java.time.DateTimeException e) {
            throw new OpenDataException("cannot read the cells of release file " + csv + ": " + e.getMessage(), e);
        }
        return cells;
    }

    private static Cell cell(
            CSVRecord r, Dataset dataset, Territory territory, Supplier<Map<Cell.Key, Protection>> audit) {
        String iri = r.get("area");
        Area area = territory.area(iri);
        if (area == null) { // an area since removed from the territory: as the file names it
            area = new Area(
                    iri,
                    TerritorialLevel.valueOf(r.get("level").toUpperCase(Locale.ROOT)),
                    r.get("area_code"),
                    r.get("area_label"),
                    null);
        }
        LocalDate start = LocalDate.parse(r.get("period_start"));
        Period period = new Period(start, dataset.step);
        if (!period.end().equals(LocalDate.parse(r.get("period_end")))) {
            throw new IllegalArgumentException("line " + r.getRecordNumber() + ": period " + start + " to "
                    + r.get("period_end") + " is not one " + dataset.step + " of dataset " + dataset.id);
        }
        LocalTime slot = dataset.profile() ? LocalTime.parse(r.get("slot")) : null;
        Fluid fluid = byCode(Fluid.values(), x -> x.code, "fluid", r.get("fluid"));
        Sector sector = byCode(Sector.values(), x -> x.code, "sector", r.get("sector"));
        Protection protection = protection(r, new Cell.Key(dataset, iri, period, slot, fluid, sector), audit);
        boolean published = protection.published();
        BigDecimal total = published ? decimal(r, "consumption") : null;
        return new Cell(
                dataset,
                area,
                period,
                slot,
                fluid,
                sector,
                total,
                published ? Integer.parseInt(r.get("active_delivery_points")) : 0,
                null,
                denominator(total, decimal(r, "per_m2")),
                denominator(total, decimal(r, "per_degree_day")),
                protection);
    }

    /**
     * A cell's protection: published (a public building's with its rule), else as the audit record
     * gives it; in a release made before the rules went into a private audit record, as its own
     * {@code status} and {@code rule} columns give it.
     */
    private static Protection protection(CSVRecord r, Cell.Key key, Supplier<Map<Cell.Key, Protection>> audit) {
        if (r.isMapped("rule")) {
            return new Protection(
                    byCode(Protection.Status.values(), x -> x.code, "disclosure status", r.get("status")),
                    byCode(Protection.Rule.values(), x -> x.code, "disclosure rule", r.get("rule")));
        }
        if (byCode(Protection.PublicStatus.values(), x -> x.code, "disclosure status", r.get("status"))
                == Protection.PublicStatus.PUBLISHED) {
            return key.dataset() == Dataset.PUBLIC_BUILDINGS_MONTHLY
                    ? new Protection(Protection.Status.PUBLISHED, Protection.Rule.PUBLIC_BUILDING)
                    : Protection.PUBLISHED;
        }
        Protection p = audit.get().get(key);
        if (p == null || p.published()) {
            throw new IllegalStateException("line " + r.getRecordNumber() + ": confidential cell " + key.area() + " "
                    + key.period().label() + " " + key.fluid().code + " " + key.sector().code
                    + " is not in the release's audit record");
        }
        return p;
    }

    /** The floor area or degree-days a published ratio was computed with, so that a republished cell gives it again. */
    private static BigDecimal denominator(BigDecimal total, BigDecimal ratio) {
        return total == null || ratio == null || ratio.signum() == 0
                ? null
                : total.divide(ratio, java.math.MathContext.DECIMAL64);
    }

    private static BigDecimal decimal(CSVRecord r, String column) {
        String v = r.get(column);
        return v.isEmpty() ? null : new BigDecimal(v);
    }

    /** The constant whose code is {@code code}, for the four coded columns. */
    private static <T> T byCode(T[] values, java.util.function.Function<T, String> codeOf, String what, String code) {
        for (T v : values) {
            if (codeOf.apply(v).equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + code + "'");
    }
}
