package org.vivacite.portal.identity;

import java.util.Locale;

/**
 * What a person is to the platform (issue 19's table): a citizen sees the dwellings they are
 * enrolled in; a building manager the buildings assigned to them; an official disclosure-controlled
 * aggregates only; an operator administration. Carried in the tokens' {@code roles} claim by its
 * {@link #claim()} name, and as the Spring Security authority {@code ROLE_} + its name.
 */
public enum Role {
    CITIZEN,
    MANAGER,
    OFFICIAL,
    OPERATOR;

    /** Its name in tokens and in {@code {data}/credentials}: {@code citizen}, {@code manager}, … */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Its Spring Security authority: {@code ROLE_CITIZEN}, … */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * The role a claim names.
     *
     * @throws IdentityException naming the claim when it is no role
     */
    public static Role ofClaim(String claim) {
        for (Role r : values()) {
            if (r.claim().equals(claim)) {
                return r;
            }
        }
        throw new IdentityException("'" + claim + "' is no role: citizen, manager, official or operator");
    }
}
