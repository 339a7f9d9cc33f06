package org.vivacite.triplestore;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An embedded store is held by another process (a running server, another command). */
public class StoreLockedException extends StoreException {

    private static final Pattern PID = Pattern.compile("(?:locked by: |held by process )(\\d+)");

    public StoreLockedException(String role, Object location, Throwable cause) {
        super(
                "the " + role + " store in " + location + " is in use by another process" + pid(cause)
                        + ": stop it (for example the server) and try again",
                cause);
    }

    /** Whether an engine's error says the store is locked by someone else. */
    public static boolean isLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("already locked by") || m.contains("Failed to get a lock")) {
                return true;
            }
        }
        return false;
    }

    private static String pid(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = PID.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return " (pid " + m.group(1) + ")";
            }
        }
        return "";
    }
}
