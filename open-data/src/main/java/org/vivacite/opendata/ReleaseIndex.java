package org.vivacite.opendata;

import java.util.List;

/** The releases made so far, oldest first: what the catalogue lists. */
public interface ReleaseIndex {

    List<ReleaseSummary> releases();
}
