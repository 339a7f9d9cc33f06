package org.vivacite.territory.building;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vivacite.territory.TerritoryDraft;

/**
 * The BAN addresses of the territory's communes that this import read, by their key ({@code
 * cle_interop}) and by their fields, and the building each address was given to.
 */
final class Addresses {

    /**
     * A BAN address key: {@code {insee}_{voie}_{number on 5 digits}[_{suffix}]}, lower case; the
     * street part is FANTOIR's 4 characters or the BAN's 6-character transitional code.
     */
    static final Pattern KEY = Pattern.compile("^([0-9a-z]{5})_([0-9a-z]{4}(?:[0-9a-z]{2})?)_([0-9]{5})(_[0-9a-z]+)?$");

    /** One address point. */
    record Address(String key, String insee, String street, String streetName, String number, double lon, double lat) {

        /** "12 bis rue de l'Exemple". */
        String label() {
            return number.isEmpty() ? streetName : number + " " + streetName;
        }
    }

    private final Map<String, Address> byKey = new HashMap<>();
    private final Map<String, Address> byFields = new HashMap<>();
    private final Map<String, String> buildingAt = new HashMap<>();

    static Addresses of(TerritoryDraft draft) {
        return draft.shared(Addresses.class, Addresses::new);
    }

    /** The street code ({@code {insee}_{voie}}) of a well-formed key, else null. */
    static String street(String key) {
        Matcher m = KEY.matcher(key);
        return m.matches() ? m.group(1) + "_" + m.group(2) : null;
    }

    void add(Address a, String numero, String rep) {
        byKey.put(a.key(), a);
        byFields.put(fields(a.insee(), a.streetName(), numero, rep), a);
    }

    Address get(String key) {
        return byKey.get(key.toLowerCase(Locale.ROOT));
    }

    /** The address of a commune with that street name (case and accents ignored), number and repetition index. */
    Address find(String insee, String streetName, String numero, String rep) {
        return byFields.get(fields(insee, streetName, numero, rep));
    }

    void building(String addressKey, String rnb) {
        buildingAt.put(addressKey, rnb);
    }

    /** The RNB id of the building given that address by this import, or null. */
    String buildingAt(String addressKey) {
        return buildingAt.get(addressKey.toLowerCase(Locale.ROOT));
    }

    private static String fields(String insee, String streetName, String numero, String rep) {
        String name = Normalizer.normalize(streetName, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[\\s'’-]+", " ")
                .strip();
        String number = numero.strip().replaceFirst("^0+(?=\\d)", "");
        return insee + "|" + name + "|" + number + "|" + rep.strip().toLowerCase(Locale.ROOT);
    }
}
