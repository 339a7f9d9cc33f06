package org.vivacite.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep a browser from turning any answer of the server against its user: no content
 * sniffing, no framing (clickjacking), and a Content-Security-Policy under which a page runs scripts
 * only from files of this server, never inline code nor {@code javascript:} links, and loads nothing
 * from elsewhere. Styles may be inline (the pages' own {@code <style>}); images may be {@code data:}
 * (none are now, the maps being inline SVG). Over HTTPS only, {@code Strict-Transport-Security} (a
 * year, sub-domains): over plain HTTP it would be ignored, and it must not pin a host that serves
 * HTTP only. On every response, {@code /sparql} included, which Spring Security's chain skips.
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        chain.doFilter(request, response);
    }
}
