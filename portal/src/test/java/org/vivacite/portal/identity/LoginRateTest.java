package org.vivacite.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoginRateTest {

    private final LoginRate rate = new LoginRate(new IdentityProperties.Login(3, 5, Duration.ofMinutes(15)));

    private MockHttpServletResponse attempt(String address, String username) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.setRemoteAddr(address);
        request.addParameter("username", username);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        rate.doFilter(request, response, chain);
        // a refused attempt never reaches the password check (the chain)
        assertThat(chain.getRequest() != null).isEqualTo(response.getStatus() == 200);
        return response;
    }

    @Test
    void oneAddressTryingManyAccountsIsRefusedAfterItsAttemptsWhileAnotherAddressIsNot() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(attempt("192.0.2.1", "user" + i).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = attempt("192.0.2.1", "user9");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(refused.getContentAsString()).contains("vivacite.portal.identity.login");
        assertThat(attempt("192.0.2.2", "user9").getStatus()).isEqualTo(200);
    }

    @Test
    void oneAccountTriedFromManyAddressesIsRefusedAfterItsAttemptsWhateverItsCase() throws Exception {
        assertThat(attempt("192.0.2.1", "ana").getStatus()).isEqualTo(200);
        assertThat(attempt("192.0.2.2", "Ana").getStatus()).isEqualTo(200);
        assertThat(attempt("192.0.2.3", "ANA ").getStatus()).isEqualTo(200);
        assertThat(attempt("192.0.2.4", "ana").getStatus()).isEqualTo(429);
        assertThat(attempt("192.0.2.4", "bob").getStatus()).isEqualTo(200);
    }

    @Test
    void onlyThePostOfTheLoginFormIsCounted() throws Exception {
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest page = new MockHttpServletRequest("GET", "/login");
            page.setServletPath("/login");
            MockHttpServletResponse response = new MockHttpServletResponse();
            rate.doFilter(page, response, new MockFilterChain());
            assertThat(response.getStatus()).isEqualTo(200);
        }
        assertThat(attempt("192.0.2.1", "ana").getStatus()).isEqualTo(200);
    }
}
