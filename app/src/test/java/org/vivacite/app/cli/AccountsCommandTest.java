package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.identity.IdentityConfiguration;
import org.vivacite.portal.identity.Role;

class AccountsCommandTest extends InProcessCommand {

    @TempDir
    Path data;

    @Test
    void addMakesAnAccountWithARandomPasswordPrintedOnceAndOnlyItsHashKept() throws Exception {
        assertThat(run(
                        "accounts",
                        "add",
                        "ana",
                        "--role",
                        "citizen,manager",
                        "--name",
                        "Ana Martin",
                        "--data",
                        data.toString()))
                .isZero();
        String password = out.toString()
                .lines()
                .filter(l -> l.startsWith("password: "))
                .findFirst()
                .orElseThrow()
                .substring("password: ".length());
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);

        Path file = data.resolve("identity/accounts.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(password);
        Accounts.Account ana = Accounts.open(file, IdentityConfiguration.passwordEncoder())
                .find("ana")
                .orElseThrow();
        assertThat(ana.roles()).containsExactlyInAnyOrder(Role.CITIZEN, Role.MANAGER);
        assertThat(IdentityConfiguration.passwordEncoder().matches(password, ana.passwordHash()))
                .isTrue();

        assertThat(run("accounts", "list", "--data", data.toString())).isZero();
        assertThat(out.toString())
                .isEqualTo("ana\tcitizen,manager\tAna Martin\t\n")
                .doesNotContain("argon2");
    }

    @Test
    void anUnknownRoleOrABadUserNameIsRefusedNamingItAndNothingIsWritten() {
        assertThat(run("accounts", "add", "ana", "--role", "mayor", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("'mayor' is no role: citizen, manager, official or operator");
        assertThat(run("accounts", "add", "../ana", "--role", "citizen", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("user name '../ana' must be 1 to 64 letters");
        assertThat(data.resolve("identity/accounts.json")).doesNotExist();
    }

    @Test
    void anEmailAddressIsKeptForTheAlertsAndABadOneRefused() throws Exception {
        assertThat(run(
                        "accounts",
                        "add",
                        "ana",
                        "--role",
                        "citizen",
                        "--email",
                        "ana@example.org",
                        "--data",
                        data.toString()))
                .isZero();
        Path file = data.resolve("identity/accounts.json");
        assertThat(Accounts.open(file, IdentityConfiguration.passwordEncoder())
                        .find("ana")
                        .orElseThrow()
                        .email())
                .isEqualTo("ana@example.org");

        assertThat(run(
                        "accounts",
                        "add",
                        "bob",
                        "--role",
                        "citizen",
                        "--email",
                        "bob at home",
                        "--data",
                        data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("the e-mail address of 'bob' is not one: 'bob at home'");
        assertThat(Accounts.open(file, IdentityConfiguration.passwordEncoder()).find("bob"))
                .isEmpty();
    }
}
