package org.vivacite.opendata.cube;

import org.vivacite.opendata.Cell;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.Release;

/** What both file writers require of a release's cells before writing one. */
final class Cells {

    private Cells() {}

    /**
     * @throws OpenDataException naming the release and the cell when the cell belongs to another
     *     dataset, has another period step, lacks the slot of a load-profile cell or has one
     *     elsewhere, or has no protection
     */
    static void check(Release r, Cell c) {
        String where = "release " + r.id() + " of " + r.dataset().id + ", cell " + c.key();
        if (c.dataset() != r.dataset()) {
            throw new OpenDataException(where + ": belongs to dataset " + c.dataset().id);
        }
        if (c.period().step() != r.dataset().step) {
            throw new OpenDataException(
                    where + ": a " + c.period().step() + " period in a dataset of " + r.dataset().step + " periods");
        }
        if (r.dataset().profile() != (c.slot() != null)) {
            throw new OpenDataException(where
                    + (c.slot() == null
                            ? ": a load-profile cell needs its half-hour slot"
                            : ": only load-profile cells have a slot"));
        }
        if (c.protection() == null) {
            throw new OpenDataException(where + ": not protected yet (no disclosure status)");
        }
    }
}
