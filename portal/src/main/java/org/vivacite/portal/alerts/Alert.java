package org.vivacite.portal.alerts;

import java.time.Instant;
import java.util.List;

/**
 * Something a person should know about one of their dwellings: a target crossed or forecast to be
 * crossed, a leak, an abnormal consumption, a meter's alarm.
 *
 * @param id stable while the condition lasts (the same alert found again is not sent again)
 * @param dwelling the dwelling's IRI
 * @param kind what raised it ({@code target}, {@code leak}, {@code abnormal}, {@code meter-flag}…)
 * @param since when the condition began (or was first seen)
 * @param messageKey the text's key in the pages' message bundles
 * @param arguments the text's arguments, already formatted
 */
public record Alert(
        String id, String dwelling, String kind, Instant since, String messageKey, List<String> arguments) {}
