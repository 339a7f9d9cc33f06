package org.vivacite.app.security;

import java.util.Map;
import org.vivacite.portal.identity.Role;

/**
 * The demo's accounts with {@code --demo}, one per role: their user names (their passwords are in
 * {@code {data}/credentials} only, as {@code account.<role>=USER:PASSWORD}).
 */
public record DemoAccounts(Map<Role, String> users) {

    public DemoAccounts {
        users = Map.copyOf(users);
    }
}
