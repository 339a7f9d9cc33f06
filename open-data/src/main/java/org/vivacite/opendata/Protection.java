package org.vivacite.opendata;

/**
 * How a cell was protected: whether its values are published and which rule decided. Only the
 * {@linkplain #publicStatus() public status} leaves the platform; the status and the rule go into the
 * release's private audit record, for the operator.
 */
public record Protection(Status status, Rule rule) {

    public static final Protection PUBLISHED = new Protection(Status.PUBLISHED, Rule.NONE);

    /**
     * What the public outputs say of a cell: published, or confidential (INSEE's "secret
     * statistique") whatever the rule that hid it and whether it was hidden for itself or to protect
     * another: "dominance" would tell everyone that one contributor uses most of the cell, and
     * "secondary" which neighbour is the primary one.
     */
    public enum PublicStatus {
        PUBLISHED("published"),
        CONFIDENTIAL("confidential");

        /** Code in CSV files and local name of the concept in the data cube ({@code vc:disclosureStatuses}). */
        public final String code;

        PublicStatus(String code) {
            this.code = code;
        }
    }

    /** How the cell was protected, as the private audit record gives it. */
    public enum Status {
        /** The values are published. */
        PUBLISHED("published"),
        /** Hidden because the cell itself breaks a rule. */
        PRIMARY("suppressed-primary"),
        /** Hidden so that a primary-suppressed cell cannot be recovered by subtraction. */
        SECONDARY("suppressed-secondary");

        /** Code in the private audit record. */
        public final String code;

        Status(String code) {
            this.code = code;
        }
    }

    /** The rule that decided, as the private audit record gives it ({@code vc:disclosureRules}). */
    public enum Rule {
        NONE("none"),
        /** Fewer active household delivery points than the minimum (Code de l'énergie D.111-53). */
        MIN_HOUSEHOLDS("min-households"),
        /** A household time series with fewer consumption points than its step and span require (D.111-63). */
        MIN_SERIES_POINTS("min-series-points"),
        /** Fewer business contributors than the minimum (INSEE, 3). */
        MIN_CONTRIBUTORS("min-contributors"),
        /** One contributor above the dominance share of the cell (INSEE (1, 85 %)). */
        DOMINANCE("dominance"),
        /** A community-owned building published individually (vc:publishIndividually). */
        PUBLIC_BUILDING("public-building"),
        /** Hidden with a primary-suppressed cell of the same total (parent, siblings, sectors, periods). */
        COMPLEMENTARY("complementary"),
        /** Its difference with what an earlier release published for the same cell would break a rule. */
        RELEASE_DIFFERENCE("release-difference");

        public final String code;

        Rule(String code) {
            this.code = code;
        }
    }

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    public PublicStatus publicStatus() {
        return published() ? PublicStatus.PUBLISHED : PublicStatus.CONFIDENTIAL;
    }
}
