package org.vivacite.territory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One kind of territory file (INSEE's commune list, IGN's IRIS contours, the BAN, the RNB, a
 * dwelling CSV, …), registered in {@code META-INF/services/org.vivacite.territory.TerritorySource}.
 * An import recognises each file by its content, then reads the files in stage order, so a reader
 * finds in the draft everything of the earlier stages (a building reader finds the IRIS polygons).
 */
public interface TerritorySource {

    /** Communes, then their grouping, districts, streets and addresses, buildings, dwellings. */
    int COMMUNES = 10, GROUPINGS = 20, DISTRICTS = 30, ADDRESSES = 40, BUILDINGS = 50, DWELLINGS = 60;

    /** What the file is, as errors and the import report name it, e.g. "BAN addresses (CSV)". */
    String kind();

    /** When this kind is read: one of the stage constants. */
    int stage();

    /** Whether the file is of this kind, from its name and its first bytes (up to 8 KiB). */
    boolean recognises(String fileName, byte[] head);

    /**
     * Reads the file into the draft. A file that breaks a rule throws {@link TerritoryException}
     * naming the file, the line or feature, and what is wrong; nothing of the import is written then.
     */
    void read(Path file, TerritoryDraft draft) throws IOException;

    /**
     * Called once after every file of the import has been read, for each kind that read at least
     * one file, in stage order: what needs all the files of its kind and of the earlier stages (the
     * communes' outlines from their districts). Does nothing by default.
     */
    default void complete(TerritoryDraft draft) {}
}
