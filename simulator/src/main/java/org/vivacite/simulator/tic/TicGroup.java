package org.vivacite.simulator.tic;

/**
 * One dataset ("groupe d'information") of a Linky TIC frame: a label, in standard mode an optional
 * timestamp ("horodate", such as {@code H191203125805}), and a value.
 */
public record TicGroup(String label, String horodate, String value) {

    public TicGroup(String label, String value) {
        this(label, null, value);
    }
}
