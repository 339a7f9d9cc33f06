package org.vivacite.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.IdentityConfiguration;
import org.vivacite.portal.identity.Role;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.portal.manager.ManagerException;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vivacite accounts …}: the embedded OIDC provider's local accounts ({@code
 * {data}/identity/accounts.json}), and building managers' buildings (in the private store).
 */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = {
            "The local accounts people log in with at the embedded OIDC provider: add or change one, list them;",
            "assign building managers their buildings."
        },
        footer = {"", "A running server sees a change of account at its next login (docs/identity.md)."},
        subcommands = {
            AccountsCommand.Add.class,
            AccountsCommand.ListAccounts.class,
            AccountsCommand.Assign.class,
            AccountsCommand.Unassign.class
        })
public final class AccountsCommand implements Runnable {

    private static final SecureRandom RANDOM = new SecureRandom();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: add, list, assign or unassign");
    }

    static final class DataOption {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                defaultValue = "${env:VIVACITE_DATA:-./data}",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path data;

        Accounts open() {
            return Accounts.open(
                    data.resolve("identity").resolve("accounts.json"), IdentityConfiguration.passwordEncoder());
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Add an account, or give an existing one new roles, name and password. Without --password-stdin",
                "a random password is made and printed once; only its Argon2id hash is kept."
            })
    static final class Add implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @Parameters(paramLabel = "USER", description = "The user name: the account's OIDC subject, never changed.")
        String username;

        @Option(
                names = "--role",
                required = true,
                split = ",",
                paramLabel = "ROLE",
                description = "citizen, manager, official or operator (repeat, or separate with commas).")
        List<String> roles;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: the user name).")
        String name;

        @Option(
                names = "--email",
                paramLabel = "ADDRESS",
                description = "Where the person's alerts are e-mailed (they may set another on their targets page).")
        String email;

        @Option(
                names = "--password-stdin",
                description = "Read the password (12 characters or more) from the first line of standard input.")
        boolean passwordStdin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Set<Role> granted = EnumSet.noneOf(Role.class);
            for (String r : roles) {
                granted.add(Role.ofClaim(r.strip()));
            }
            String password;
            if (passwordStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (password == null) {
                    throw new CliException("--password-stdin: standard input is empty");
                }
            } else {
                byte[] bytes = new byte[18];
                RANDOM.nextBytes(bytes);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            Accounts accounts = options.open();
            accounts.put(username, name, email, granted, password);
            var out = spec.commandLine().getOut();
            out.printf("account %s (%s) written to %s%n", username, roles(granted), options.data.resolve("identity"));
            if (!passwordStdin) {
                out.printf("password: %s%n", password);
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Print the accounts (user name, roles, name, and a building manager's buildings), never their",
                "hashes; then the assignments of accounts of an external provider. The buildings are read from",
                "the private store: while the server holds it, they are left out, saying so."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class ListAccounts implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            Map<String, List<String>> assigned = new java.util.TreeMap<>();
            StoreCommand.Target target = target(options, settings);
            if (target.exists()) {
                try {
                    assigned.putAll(withAssignments(
                            spec,
                            options,
                            settings,
                            "GET /admin/managers/{user}/buildings shows them while the server runs",
                            BuildingAssignments::all));
                } catch (CliException e) {
                    spec.commandLine().getErr().printf("vivacite: buildings not shown: %s%n", e.getMessage());
                }
            }
            for (Accounts.Account a : options.open().all()) {
                out.printf(
                        "%s\t%s\t%s\t%s%n",
                        a.username(),
                        roles(a.roles()),
                        a.name(),
                        String.join(" ", assigned.getOrDefault(a.username(), List.of())));
                assigned.remove(a.username());
            }
            // managers who log in at an external provider have no local account
            assigned.forEach((user, buildings) ->
                    out.printf("%s\t%s\t%s\t%s%n", user, "(external)", "", String.join(" ", buildings)));
            return 0;
        }
    }

    private static StoreCommand.Target target(DataOption options, List<String> settings) {
        StoreCommand.Target target = new StoreCommand.Target();
        target.role = StoreCommand.Target.Role.PRIVATE;
        target.data = options.data;
        target.settings = settings;
        return target;
    }

    /**
     * Runs {@code work} on the assignments of the private store, opened as the server would; refuses
     * while the server holds it, saying so and then {@code whenHeld}.
     */
    static <T> T withAssignments(
            CommandLine.Model.CommandSpec spec,
            DataOption options,
            List<String> settings,
            String whenHeld,
            Function<BuildingAssignments, T> work) {
        ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
        QuadStore store;
        try {
            store = target(options, settings).open();
        } catch (StoreLockedException e) {
            throw new CliException(e.getMessage() + " (" + whenHeld + ")", e);
        }
        try (store) {
            VivaciteProperties app = Settings.bind(
                    options.data.toAbsolutePath().normalize(), settings, "vivacite", VivaciteProperties.class);
            return work.apply(
                    new BuildingAssignments(store, IngestSession.baseIri(store, app.baseIri()), Clock.systemUTC()));
        } catch (ManagerException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /** What assign and unassign take: the account, the buildings, and the store's settings. */
    abstract static class Assignment implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @Parameters(index = "0", paramLabel = "USER", description = "The building manager's user name.")
        String username;

        @Parameters(
                index = "1..*",
                arity = "1..*",
                paramLabel = "BUILDING_IRI",
                description = "A building's IRI ({base}id/building/{id}).")
        List<String> buildings;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        <T> T withAssignments(Function<BuildingAssignments, T> work) {
            return AccountsCommand.withAssignments(
                    spec, options, settings, "assignments are written while the server is stopped", work);
        }
    }

    @Command(
            name = "assign",
            mixinStandardHelpOptions = true,
            description = {
                "Assign buildings to a building manager: they read the building's own meters, and a dwelling's",
                "data only while its household consents to share them (docs/identity.md). The server must be",
                "stopped."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Assign extends Assignment {

        @Override
        public Integer call() {
            try {
                BuildingAssignments.requireManager(options.open(), username);
            } catch (ManagerException e) {
                throw new CliException(e.getMessage(), e);
            }
            List<String> added = withAssignments(a -> a.assign(username, buildings));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: %d building(s) assigned, %d assigned already%n",
                            username, added.size(), new HashSet<>(buildings).size() - added.size());
            return 0;
        }
    }

    @Command(
            name = "unassign",
            mixinStandardHelpOptions = true,
            description = "End a building manager's assignment to buildings. The server must be stopped.",
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Unassign extends Assignment {

        @Override
        public Integer call() {
            List<String> removed = withAssignments(a -> a.unassign(username, buildings));
            spec.commandLine().getOut().printf("%s: %d building(s) unassigned%n", username, removed.size());
            return 0;
        }
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::claim).collect(Collectors.joining(","));
    }
}
