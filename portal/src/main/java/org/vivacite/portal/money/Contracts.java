package org.vivacite.portal.money;

import java.util.Optional;

/** The electricity contracts households gave for their dwellings ({@link ContractStore}). */
@FunctionalInterface
public interface Contracts {

    /** The contract the person gave for the dwelling, if they gave one. */
    Optional<Tariffs.Contract> of(String subject, String dwelling);
}
