package org.vivacite.opendata.release;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.vivacite.opendata.Cell;
import org.vivacite.opendata.Dataset;
import org.vivacite.opendata.Fluid;
import org.vivacite.opendata.InformationLoss;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Period;
import org.vivacite.opendata.Protection;
import org.vivacite.opendata.Sector;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The private audit record of a release, for the operator: {@code {data}/releases/{release}/}, owner
 * only, never served. {@code confidential-cells.csv} lists every cell the public files call
 * confidential with how it was protected (primary or secondary), the rule that decided, and its
 * value and contributors, which an auditor checks the protection against (an attack on the public
 * files must not narrow a primary cell's value to within the protection level; empty for a cell
 * republished hidden from an earlier release, whose record has them);
 * {@code information-loss.csv} gives, per dataset, level and fluid, the share of cells and of
 * consumption that disclosure control hid. Written whole into a hidden folder and renamed into place,
 * like a release.
 */
final class ReleaseAudit {

    static final String CELLS = "confidential-cells.csv";
    static final String LOSS = "information-loss.csv";

    private static final String[] CELL_COLUMNS = {
        "dataset",
        "area",
        "level",
        "period_start",
        "period_end",
        "slot",
        "fluid",
        "sector",
        "protection",
        "rule",
        "consumption",
        "active_delivery_points"
    };
    private static final String[] LOSS_COLUMNS = {
        "dataset", "level", "cells", "confidential", "cell_share", "fluid", "consumption_share"
    };

    private ReleaseAudit() {}

    /**
     * Writes the audit record of a release into {@code folder}, which must not exist yet.
     *
     * @param cells every cell of the release, with its protection
     */
    static void write(Path folder, List<Cell> cells, List<InformationLoss> loss) {
        Path parent = folder.getParent();
        Path draft = null;
        try {
            OwnerOnly.directories(parent);
            if (Files.exists(folder)) {
                throw new OpenDataException("the audit record " + folder + " exists already: releases never change");
            }
            draft = Files.createTempDirectory(parent, ".draft-" + folder.getFileName() + "-");
            OwnerOnly.restrict(draft);
            try (CSVPrinter out = printer(draft.resolve(CELLS), CELL_COLUMNS)) {
                for (Cell c : cells) {
                    if (c.protection().published()) {
                        continue;
                    }
                    out.printRecord(
                            c.dataset().id,
                            c.area().iri(),
                            c.area().level().name().toLowerCase(Locale.ROOT),
                            c.period().start(),
                            c.period().end(),
                            c.slot() == null ? "" : c.slot(),
                            c.fluid().code,
                            c.sector().code,
                            c.protection().status().code,
                            c.protection().rule().code,
                            // a cell republished hidden from an earlier release has its value there only
                            c.total() == null ? "" : c.total().toPlainString(),
                            c.total() == null ? "" : c.deliveryPoints());
                }
            }
            try (CSVPrinter out = printer(draft.resolve(LOSS), LOSS_COLUMNS)) {
                for (InformationLoss l : loss) {
                    String level = l.level().name().toLowerCase(Locale.ROOT);
                    if (l.consumption().isEmpty()) {
                        out.printRecord(l.dataset().id, level, l.cells(), l.suppressed(), share(l.cellShare()), "", "");
                    }
                    for (Map.Entry<Fluid, InformationLoss.Consumption> e :
                            l.consumption().entrySet()) {
                        out.printRecord(
                                l.dataset().id,
                                level,
                                l.cells(),
                                l.suppressed(),
                                share(l.cellShare()),
                                e.getKey().code,
                                share(e.getValue().share()));
                    }
                }
            }
            try {
                Files.move(draft, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(draft, folder);
            }
            draft = null;
        } catch (IOException e) {
            throw new OpenDataException("cannot write the audit record " + folder + ": " + e.getMessage(), e);
        } finally {
            if (draft != null) {
                delete(draft);
            }
        }
    }

    /**
     * How the confidential cells of a release were protected, from its audit record.
     *
     * @throws OpenDataException when the release has no audit record or it cannot be read
     */
    static Map<Cell.Key, Protection> read(Path folder) {
        Path file = folder.resolve(CELLS);
        Map<Cell.Key, Protection> out = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                Dataset dataset = Dataset.ofId(r.get("dataset"));
                Cell.Key key = new Cell.Key(
                        dataset,
                        r.get("area"),
                        new Period(LocalDate.parse(r.get("period_start")), dataset.step),
                        r.get("slot").isEmpty() ? null : LocalTime.parse(r.get("slot")),
                        byCode(Fluid.values(), f -> f.code, r.get("fluid")),
                        byCode(Sector.values(), s -> s.code, r.get("sector")));
                out.put(
                        key,
                        new Protection(
                                byCode(Protection.Status.values(), s -> s.code, r.get("protection")),
                                byCode(Protection.Rule.values(), s -> s.code, r.get("rule"))));
            }
        } catch (NoSuchFileException e) {
            throw new OpenDataException("the release's audit record " + file + " is missing: it tells how the"
                    + " release's confidential cells were protected, which the next release must know; restore it"
                    + " from a backup of the data directory");
        } catch (IOException | RuntimeException e) {
            throw new OpenDataException("cannot read the audit record " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        OwnerOnly.createFile(file);
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    /** A share to four decimals: 0.8712. */
    private static String share(BigDecimal s) {
        return s.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static <T> T byCode(T[] values, Function<T, String> codeOf, String code) {
        for (T v : values) {
            if (codeOf.apply(v).equals(code)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown code '" + code + "'");
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a draft left behind is hidden and never read
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
