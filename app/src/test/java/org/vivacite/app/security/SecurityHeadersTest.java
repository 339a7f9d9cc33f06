package org.vivacite.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersTest {

    private MockHttpServletResponse answer(boolean https) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.setSecure(https);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SecurityHeaders().doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void strictTransportSecurityOnlyOverHttpsAndTheOtherHeadersAlways() throws Exception {
        MockHttpServletResponse https = answer(true);
        assertThat(https.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        MockHttpServletResponse http = answer(false);
        assertThat(http.getHeader("Strict-Transport-Security")).isNull();
        for (MockHttpServletResponse r : new MockHttpServletResponse[] {https, http}) {
            assertThat(r.getHeader("Content-Security-Policy")).contains("script-src 'self';");
            assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }
}
