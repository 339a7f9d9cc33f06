package org.vivacite.triplestore;

/**
 * @param up whether the store is open and answered a read
 * @param detail where it lives and what went wrong, if anything
 */
public record StoreHealth(boolean up, String detail) {

    public static StoreHealth up(String detail) {
        return new StoreHealth(true, detail);
    }

    public static StoreHealth down(String detail) {
        return new StoreHealth(false, detail);
    }
}
