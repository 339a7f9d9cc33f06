package org.vivacite.ingest.consent;

import java.util.Arrays;
import java.util.Locale;
import org.vivacite.ontology.vocabulary.Namespaces;

/**
 * What a person consents to, each on its own and revocable on its own (domain.md, CNIL): each is a
 * {@code dpv:Purpose} declared in vivacite.ttl.
 */
public enum Purpose {
    /** See my own data: daily data, which the distribution operator may collect by default. */
    SERVICE("service", "serviceOwnData"),
    /** Data finer than daily, at a consented step ({@code PT30M}, {@code PT1H}…). */
    FINE_DATA("fine-data", "fineData"),
    /** Let my building manager read my consumption, for billing by individual consumption. */
    SHARE_WITH_BUILDING_MANAGER("share-with-building-manager", "shareWithBuildingManager"),
    /** Contribute to aggregates used by named research partners. */
    RESEARCH("research", "research");

    private final String id;
    private final String local;

    Purpose(String id, String local) {
        this.id = id;
        this.local = local;
    }

    /** Its name in the API and in receipts. */
    public String id() {
        return id;
    }

    /** Its IRI, {@code vc:…}. */
    public String iri() {
        return Namespaces.VC + local;
    }

    /**
     * @throws ConsentException naming the purposes there are, for an unknown name
     */
    public static Purpose of(String id) {
        String s = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(s))
                .findFirst()
                .orElseThrow(() -> new ConsentException("purpose '" + id + "' is none of "
                        + Arrays.stream(values()).map(Purpose::id).toList()));
    }

    static Purpose ofIri(String iri) {
        return Arrays.stream(values())
                .filter(p -> p.iri().equals(iri))
                .findFirst()
                .orElseThrow(() -> new ConsentException("the consent graph names an unknown purpose " + iri));
    }
}
