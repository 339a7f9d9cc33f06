package org.vivacite.portal.alerts;

import java.time.Instant;
import java.util.List;

/** What raises alerts (targets, incidents): Spring beans, each asked for a person's alerts now. */
public interface AlertSource {

    /** The alerts about the dwellings the person (an account's subject) is enrolled in now. */
    List<Alert> alerts(String subject, Instant now);
}
