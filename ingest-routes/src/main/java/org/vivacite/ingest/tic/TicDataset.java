package org.vivacite.ingest.tic;

/**
 * One dataset ("groupe d'information") of a frame whose checksum was found right.
 *
 * @param mode the mode its separator shows
 * @param label the label, such as {@code ADCO} or {@code EAST}
 * @param horodate the timestamp of a standard-mode dataset that has one ({@code H230301091834}), or
 *     null
 * @param value the value as sent, padding spaces kept
 * @param checksum the checksum character
 */
public record TicDataset(TicMode mode, String label, String horodate, String value, char checksum) {}
