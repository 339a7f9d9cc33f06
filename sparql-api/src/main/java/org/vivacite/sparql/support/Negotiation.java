package org.vivacite.sparql.support;

import java.util.List;
import java.util.Optional;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Server-driven content negotiation (RFC 9110 §12.5.1): picks, among the media types offered, the
 * one the {@code Accept} header gives the highest quality, the most specific matching range
 * deciding each type's quality; on a tie the first offered wins, so {@code *}{@code /*} or no
 * header gets the first.
 */
public final class Negotiation {

    private Negotiation() {}

    /**
     * @param accept the {@code Accept} header, or {@code null} when absent
     * @param offered the media types on offer, preferred first
     * @return the chosen one, or empty when none is acceptable (or the header does not parse)
     */
    public static Optional<MediaType> choose(String accept, List<MediaType> offered) {
        if (accept == null || accept.isBlank()) {
            return offered.stream().findFirst();
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return Optional.empty();
        }
        MediaType best = null;
        double bestQuality = 0;
        for (MediaType type : offered) {
            double q = quality(type, ranges);
            if (q > bestQuality) {
                best = type;
                bestQuality = q;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The quality the most specific range that includes {@code type} gives it; 0 if none does. */
    private static double quality(MediaType type, List<MediaType> ranges) {
        int bestSpecificity = -1;
        double q = 0;
        for (MediaType range : ranges) {
            int specificity = specificity(range, type);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = range.getQualityValue();
            }
        }
        return q;
    }

    /**
     * 2 for {@code type/subtype}, 1 for {@code type/*} (or {@code type/*+suffix}), 0 for {@code *}{@code /*},
     * -1 if the range does not include the type.
     */
    private static int specificity(MediaType range, MediaType type) {
        if (!range.includes(type)) {
            return -1;
        }
        if (range.isWildcardType()) {
            return 0;
        }
        return range.isWildcardSubtype() ? 1 : 2;
    }
}
