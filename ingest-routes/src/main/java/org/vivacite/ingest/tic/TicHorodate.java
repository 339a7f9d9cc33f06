package org.vivacite.ingest.tic;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A standard-mode timestamp, {@code SAAMMJJhhmmss}: a season flag, then the legal time of France.
 * {@code E} (summer) is UTC+2 and {@code H} (winter) UTC+1; in lower case the meter's clock is not
 * synchronised (degraded mode), the time is still given; a space means no season, read with the
 * rules of Europe/Paris.
 *
 * @param instant the instant meant
 * @param synchronised false when the season flag is in lower case or a space
 */
public record TicHorodate(Instant instant, boolean synchronised) {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * Reads a horodate.
     *
     * @param label the dataset's label, for the message
     * @throws TicDatasetException if it is not 13 characters, its season unknown or its date wrong
     */
    public static TicHorodate parse(String label, String horodate) {
        if (horodate == null
                || horodate.length() != 13
                || !horodate.substring(1).chars().allMatch(Character::isDigit)) {
            throw new TicDatasetException(
                    label, "horodate of " + label + " is not a season flag and 12 digits (SAAMMJJhhmmss)");
        }
        char season = horodate.charAt(0);
        LocalDateTime local;
        try {
            local = LocalDateTime.of(
                    2000 + number(horodate, 1),
                    number(horodate, 3),
                    number(horodate, 5),
                    number(horodate, 7),
                    number(horodate, 9),
                    number(horodate, 11));
        } catch (DateTimeException e) {
            throw new TicDatasetException(label, "horodate of " + label + " is not a valid date and time");
        }
        return switch (season) {
            case 'E' -> new TicHorodate(local.toInstant(ZoneOffset.ofHours(2)), true);
            case 'e' -> new TicHorodate(local.toInstant(ZoneOffset.ofHours(2)), false);
            case 'H' -> new TicHorodate(local.toInstant(ZoneOffset.ofHours(1)), true);
            case 'h' -> new TicHorodate(local.toInstant(ZoneOffset.ofHours(1)), false);
            case ' ' -> new TicHorodate(local.atZone(PARIS).toInstant(), false);
            default ->
                throw new TicDatasetException(
                        label,
                        "horodate of " + label + " has season flag '" + season + "'; E, e, H, h or space are allowed");
        };
    }

    private static int number(String s, int from) {
        return Integer.parseInt(s.substring(from, from + 2));
    }
}
