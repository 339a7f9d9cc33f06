package org.vivacite.app.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser over real HTTP: cookies kept, redirects followed (or not, to read where one goes), forms
 * posted as a browser posts them.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final CookieManager cookies = new CookieManager();
    private final HttpClient following = client(HttpClient.Redirect.NORMAL);
    private final HttpClient staying = client(HttpClient.Redirect.NEVER);

    private HttpClient client(HttpClient.Redirect redirect) {
        return HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(redirect)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** GET, following redirects. */
    public HttpResponse<String> get(String url, String... headers) {
        return send(following, request(url, headers).GET().build());
    }

    /** GET, not following a redirect. */
    public HttpResponse<String> open(String url, String... headers) {
        return send(staying, request(url, headers).GET().build());
    }

    /** POST of a form, following redirects (or not). */
    HttpResponse<String> post(String url, Map<String, String> form, boolean follow, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest r = request(url, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(follow ? following : staying, r);
    }

    /** The login form's CSRF token on a page. */
    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no CSRF token on the page:\n" + page);
        }
        return m.group(1);
    }

    /** Posts the login form of the page at {@code loginPage} (which it opens first), following redirects. */
    public HttpResponse<String> logIn(String loginPage, String username, String password) {
        HttpResponse<String> page = get(loginPage, "Accept", "text/html");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("_csrf", csrf(page.body()));
        return post(page.uri().toString(), form, true, "Accept", "text/html");
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A PKCE verifier and its S256 challenge (RFC 7636). */
    record Pkce(String verifier, String challenge) {
        static Pkce make() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A query parameter of a URI. */
    static String param(URI uri, String name) {
        for (String p : uri.getRawQuery().split("&")) {
            int eq = p.indexOf('=');
            if (p.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no '" + name + "' in " + uri);
    }

    /**
     * A bearer token for the public API client {@code vivacite-api}, by the authorization code flow
     * with PKCE, with this browser's session at the provider: the code comes back to a loopback
     * redirect (read from the Location header, as an app listening there would), then is exchanged
     * at the token endpoint.
     */
    String apiToken(String issuer) {
        Pkce pkce = Pkce.make();
        String redirect = "http://127.0.0.1:9/callback";
        HttpResponse<String> authorize = open(issuer + "/oauth2/authorize?response_type=code&client_id=vivacite-api"
                + "&scope=openid%20profile&state=s1&redirect_uri=" + enc(redirect) + "&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256");
        URI back = URI.create(authorize
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect from the authorization endpoint: "
                        + authorize.statusCode() + " " + authorize.body())));
        if (!back.toString().startsWith(redirect)) {
            throw new AssertionError("not sent back to the app: " + back);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", param(back, "code"));
        form.put("redirect_uri", redirect);
        form.put("client_id", "vivacite-api");
        form.put("code_verifier", pkce.verifier());
        HttpResponse<String> token = post(issuer + "/oauth2/token", form, false);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 200 || !m.find()) {
            throw new AssertionError("token endpoint: " + token.statusCode() + " " + token.body());
        }
        return m.group(1);
    }
}
