package org.vivacite.ontology;

import java.util.Arrays;
import org.vivacite.ontology.vocabulary.Namespaces;

/** How the values of a quantity relate to time, which decides how consumption is derived. */
public enum ReadingKind {
    /** A monotonic counter: consumption is the difference of successive readings. */
    CUMULATIVE_REGISTER("cumulativeRegister"),
    /** An amount that belongs to a time interval: consumption is the sum of the amounts. */
    INTERVAL_AMOUNT("intervalAmount"),
    /** The mean of a rate over an interval (average power): never summed; amount = value × duration. */
    INTERVAL_AVERAGE("intervalAverage"),
    /** A value at an instant (power, temperature): never summed into a consumption. */
    INSTANTANEOUS_VALUE("instantaneousValue");

    private final String iri;

    ReadingKind(String localName) {
        this.iri = Namespaces.VC + localName;
    }

    public String iri() {
        return iri;
    }

    public static ReadingKind fromIri(String iri) {
        return Arrays.stream(values())
                .filter(k -> k.iri.equals(iri))
                .findFirst()
                .orElseThrow(() -> new OntologyException("unknown reading kind <" + iri + ">"));
    }
}
