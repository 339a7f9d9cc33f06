package org.vivacite.portal.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * The local accounts of the embedded OIDC provider, in one JSON file readable by its owner only
 * ({@code {data}/identity/accounts.json}). A password is kept only as the hash the encoder makes
 * ({@code {argon2}…}: {@link IdentityConfiguration#passwordEncoder()}); an account's user name is its
 * OIDC subject, so it never changes. The file is read again when it changes (another process, as
 * {@code vivacite accounts add}, wrote it), at the next look-up.
 */
public final class Accounts implements UserDetailsService {

    /**
     * An account; its password hash never shows in {@link #toString()}.
     *
     * @param email where the person's alerts are e-mailed; null when none was given
     */
    public record Account(String username, String name, Set<Role> roles, String passwordHash, String email) {

        public Account {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public Account(String username, String name, Set<Role> roles, String passwordHash) {
            this(username, name, roles, passwordHash, null);
        }

        @Override
        public String toString() {
            return "Account[" + username + ", " + roles + "]";
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private record Stored(String username, String name, List<String> roles, String password, String email) {}

    private record File(List<Stored> accounts) {}

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final Path file;
    private final PasswordEncoder encoder;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    /** When the file was last read or written; null: it was not there. */
    private FileTime readAt;

    private Accounts(Path file, PasswordEncoder encoder) {
        this.file = file;
        this.encoder = encoder;
    }

    /**
     * Reads the accounts file, if there is one, and makes it owner-only.
     *
     * @throws IdentityException naming the file and the account when it cannot be read
     */
    public static Accounts open(Path file, PasswordEncoder encoder) {
        Accounts a = new Accounts(file, encoder);
        a.accounts.putAll(a.read());
        return a;
    }

    /** The accounts in the file, and its modification time noted. */
    private Map<String, Account> read() {
        Map<String, Account> read = new LinkedHashMap<>();
        readAt = modified();
        if (!Files.exists(file)) {
            return read;
        }
        try {
            OwnerOnly.restrict(file);
            File content = JSON.readValue(file.toFile(), File.class);
            int i = 0;
            for (Stored s : content.accounts() == null ? List.<Stored>of() : content.accounts()) {
                i++;
                String where = file + ", account " + i;
                if (s.username() == null || !USERNAME.matcher(s.username()).matches()) {
                    throw new IdentityException(where + ": 'username' " + usernameRule());
                }
                if (s.password() == null || s.password().isBlank()) {
                    throw new IdentityException(where + " (" + s.username() + "): 'password' (its hash) is missing");
                }
                EnumSet<Role> roles = EnumSet.noneOf(Role.class);
                for (String r : s.roles() == null ? List.<String>of() : s.roles()) {
                    try {
                        roles.add(Role.ofClaim(r));
                    } catch (IdentityException e) {
                        throw new IdentityException(where + " (" + s.username() + "): 'roles': " + e.getMessage());
                    }
                }
                if (read.putIfAbsent(s.username(), new Account(s.username(), s.name(), roles, s.password(), s.email()))
                        != null) {
                    throw new IdentityException(where + ": user name '" + s.username() + "' is taken twice");
                }
            }
            return read;
        } catch (JsonProcessingException e) {
            throw new IdentityException(
                    file + ": not an accounts file (line " + e.getLocation().getLineNr() + "): "
                            + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new IdentityException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the file again when it changed since it was read (an account added by {@code vivacite
     * accounts add} while the server runs); a file that cannot be read keeps the accounts as they were.
     */
    private void refresh() {
        if (Objects.equals(modified(), readAt)) {
            return;
        }
        try {
            Map<String, Account> read = read();
            accounts.clear();
            accounts.putAll(read);
        } catch (IdentityException e) {
            LOG.error("Accounts kept as they were: {}", e.getMessage());
        }
    }

    /** The account of a user name. */
    public synchronized Optional<Account> find(String username) {
        refresh();
        return Optional.ofNullable(accounts.get(username));
    }

    /** Every account, in the order they were added. */
    public synchronized List<Account> all() {
        refresh();
        return List.copyOf(accounts.values());
    }

    /** How many accounts there are. */
    public synchronized int size() {
        return accounts.size();
    }

    /**
     * Adds an account, or replaces the name, roles and password of one with that user name, and
     * writes the file.
     *
     * @throws IdentityException naming the user name when it breaks the rule, or when the file cannot be written
     */
    public synchronized Account put(String username, String name, Set<Role> roles, String password) {
        return put(username, name, null, roles, password);
    }

    /**
     * The same, with the e-mail address the person's alerts go to (none when null).
     *
     * @throws IdentityException also for an e-mail address that is not one
     */
    public synchronized Account put(String username, String name, String email, Set<Role> roles, String password) {
        if (email != null && !email.matches("[^\\s@<>\"]+@[^\\s@<>\"]+\\.[^\\s@<>\"]+")) {
            throw new IdentityException("the e-mail address of '" + username + "' is not one: '" + email + "'");
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IdentityException("user name '" + username + "' " + usernameRule());
        }
        if (password == null || password.length() < 12) {
            throw new IdentityException("the password of '" + username + "' must have 12 characters or more");
        }
        refresh();
        Account account = new Account(username, name == null ? username : name, roles, encoder.encode(password), email);
        Account before = accounts.put(username, account);
        try {
            write();
        } catch (IOException e) {
            if (before == null) {
                accounts.remove(username);
            } else {
                accounts.put(username, before);
            }
            throw new IdentityException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return account;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account a = find(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(a.username())
                .password(a.passwordHash())
                .authorities(a.roles().stream()
                        .map(r -> new SimpleGrantedAuthority(r.authority()))
                        .toList())
                .build();
    }

    private void write() throws IOException {
        OwnerOnly.directories(file.toAbsolutePath().getParent());
        List<Stored> out = new ArrayList<>();
        for (Account a : accounts.values()) {
            out.add(new Stored(
                    a.username(),
                    a.name(),
                    a.roles().stream().sorted().map(Role::claim).toList(),
                    a.passwordHash(),
                    a.email()));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        OwnerOnly.createFile(tmp);
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), new File(out));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        readAt = modified();
    }

    private static String usernameRule() {
        return "must be 1 to 64 letters, digits, '.', '_', '@' or '-', beginning with a letter or digit";
    }
}
