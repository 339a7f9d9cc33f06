package org.vivacite.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class IdentityClaimsTest {

    @Test
    void rolesComeFromAFlatOrANestedClaimAndNamesThatAreNoRoleOfOursArePassedOver() {
        Map<String, Object> flat = Map.of("roles", List.of("official", "admin", "citizen"));
        assertThat(Identity.authorities(flat, "roles"))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OFFICIAL", "ROLE_CITIZEN");

        Map<String, Object> keycloak = Map.of("realm_access", Map.of("roles", List.of("manager", "offline_access")));
        assertThat(Identity.authorities(keycloak, "realm_access.roles"))
                .extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_MANAGER");
        assertThat(Identity.authorities(keycloak, "roles")).isEmpty();
        assertThat(Identity.authorities(Map.of("roles", "operator"), "roles")).isEmpty();
    }
}
