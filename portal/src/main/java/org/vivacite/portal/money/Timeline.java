package org.vivacite.portal.money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Values each valid over days: from a date to a date, both included, the last one possibly open
 * ({@code DATE_FIN} empty, as the regulator's files leave the price in force). Periods may leave
 * gaps (a day without a value has none) but may not overlap.
 *
 * @param <T> the value
 */
public final class Timeline<T> {

    /** A value valid from {@code from} to {@code to} included; {@code to} null: still in force. */
    public record Entry<T>(LocalDate from, LocalDate to, T value) {

        boolean covers(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    private final List<Entry<T>> entries;

    /**
     * @param what what the values are, for the error naming an overlap ("trve-base.csv, 6 kVA")
     * @throws MoneyException when two periods overlap or one ends before it begins
     */
    public Timeline(String what, List<Entry<T>> entries) {
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::from));
        for (int i = 0; i < sorted.size(); i++) {
            Entry<T> e = sorted.get(i);
            if (e.to() != null && e.to().isBefore(e.from())) {
                throw new MoneyException(
                        what + ": the period from " + e.from() + " ends before it begins, on " + e.to());
            }
            if (i > 0) {
                Entry<T> previous = sorted.get(i - 1);
                if (previous.to() == null || !previous.to().isBefore(e.from())) {
                    throw new MoneyException(what + ": the period from " + previous.from() + " to "
                            + (previous.to() == null ? "(open)" : previous.to()) + " overlaps the one from "
                            + e.from());
                }
            }
        }
        this.entries = List.copyOf(sorted);
    }

    /** The entry valid on a day, if any. */
    public Optional<Entry<T>> at(LocalDate day) {
        return entries.stream().filter(e -> e.covers(day)).findFirst();
    }

    public List<Entry<T>> entries() {
        return entries;
    }
}
