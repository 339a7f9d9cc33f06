package org.vivacite.portal.identity;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Login attempts at the embedded provider's form ({@code POST /login}), limited per account and
 * per client address with token buckets (Bucket4j, as ingest's {@code IngestRate}): each attempt
 * takes a token from both; without one it is refused {@code 429} with {@code Retry-After}, before
 * the password is checked, so guessing costs an attacker time whatever the answer. A user name is
 * its own bucket whether or not it has an account (the answer tells nothing). Buckets that have
 * refilled are forgotten once there are more than 4 096. Settings: {@code
 * vivacite.portal.identity.login.*}.
 */
final class LoginRate extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRate.class);
    private static final int PRUNE_FROM = 4096;
    private static final long WARN_EVERY = Duration.ofMinutes(1).toNanos();

    private final IdentityProperties.Login settings;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong warned = new AtomicLong(System.nanoTime() - WARN_EVERY);
    private final AtomicLong refusedSince = new AtomicLong();

    LoginRate(IdentityProperties.Login settings) {
        if (settings.perAccount() < 1
                || settings.perAddress() < 1
                || settings.period().isNegative()
                || settings.period().isZero()) {
            throw new IdentityException("vivacite.portal.identity.login.per-account and per-address must be 1 or"
                    + " more, and period positive, not " + settings);
        }
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = Optional.ofNullable(request.getParameter("username"))
                .orElse("")
                .strip()
                .toLowerCase(Locale.ROOT);
        Optional<Duration> wait = take("address:" + request.getRemoteAddr(), settings.perAddress())
                .or(() -> take("account:" + username, settings.perAccount()));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            warn(request.getRemoteAddr());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", Long.toString(seconds));
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter()
                    .write("Too many login attempts at this account or from this address ("
                            + "vivacite.portal.identity.login.per-account, per-address, period): try again in "
                            + seconds + " s\n");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * At most one WARN a minute, with the attempts refused since; the user name is what was typed,
     * never logged (it may be a password typed in the wrong field).
     */
    private void warn(String address) {
        long refused = refusedSince.incrementAndGet();
        long now = System.nanoTime();
        long last = warned.get();
        if (now - last >= WARN_EVERY && warned.compareAndSet(last, now)) {
            refusedSince.addAndGet(-refused);
            LOG.warn(
                    "Login attempts refused for their rate (vivacite.portal.identity.login.*): {} since the last"
                            + " warning, the latest from {}; the next warning in a minute at the earliest",
                    refused,
                    address);
        }
    }

    /** Takes a token; empty when there was one, else the time until there is. */
    private Optional<Duration> take(String key, int size) {
        Bucket bucket = buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(size).refillGreedy(size, settings.period()))
                        .build());
        if (buckets.size() > PRUNE_FROM) {
            prune();
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private synchronized void prune() {
        buckets.entrySet()
                .removeIf(e -> e.getValue().getAvailableTokens()
                        >= (e.getKey().startsWith("address:") ? settings.perAddress() : settings.perAccount()));
    }
}
