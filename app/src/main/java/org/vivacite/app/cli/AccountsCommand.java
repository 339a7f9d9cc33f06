package org.vivacite.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.IdentityConfiguration;
import org.vivacite.portal.identity.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vivacite accounts …}: the embedded OIDC provider's local accounts ({@code {data}/identity/accounts.json}). */
@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description =
                "The local accounts people log in with at the embedded OIDC provider: add or change one, list them.",
        footer = {"", "A running server sees a change at its next login (docs/identity.md)."},
        subcommands = {AccountsCommand.Add.class, AccountsCommand.ListAccounts.class})
public final class AccountsCommand implements Runnable {

    private static final SecureRandom RANDOM = new SecureRandom();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: add or list");
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
            accounts.put(username, name, granted, password);
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
            description = "Print the accounts (user name, roles, name), never their hashes.")
    static final class ListAccounts implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (Accounts.Account a : options.open().all()) {
                spec.commandLine().getOut().printf("%s\t%s\t%s%n", a.username(), roles(a.roles()), a.name());
            }
            return 0;
        }
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::claim).collect(Collectors.joining(","));
    }
}
