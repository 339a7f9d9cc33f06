package org.vivacite.territory;

/** A territory file that cannot be imported: the message names the file, the line or feature, and the rule. */
public class TerritoryException extends RuntimeException {

    public TerritoryException(String message) {
        super(message);
    }

    public TerritoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{file}, {where}: {what}", the one-line form every reader uses. */
    public static TerritoryException at(java.nio.file.Path file, String where, String what) {
        return new TerritoryException(file.getFileName() + ", " + where + ": " + what);
    }
}
