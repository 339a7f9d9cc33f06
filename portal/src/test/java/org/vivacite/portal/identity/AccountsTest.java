package org.vivacite.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountsTest {

    @TempDir
    Path dir;

    private final PasswordEncoder encoder = IdentityConfiguration.passwordEncoder();

    @Test
    void keepsOnlyAnArgon2HashInAnOwnerOnlyFileThatAnotherStartReads() throws Exception {
        Path file = dir.resolve("identity").resolve("accounts.json");
        Accounts accounts = Accounts.open(file, encoder);
        accounts.put("ana", "Ana Martin", Set.of(Role.CITIZEN, Role.MANAGER), "correct horse battery");

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain("correct horse battery").contains("{argon2}$argon2id$");

        Accounts again = Accounts.open(file, encoder);
        Accounts.Account ana = again.find("ana").orElseThrow();
        assertThat(ana.name()).isEqualTo("Ana Martin");
        assertThat(ana.roles()).containsExactlyInAnyOrder(Role.CITIZEN, Role.MANAGER);
        assertThat(encoder.matches("correct horse battery", ana.passwordHash())).isTrue();
        assertThat(encoder.matches("correct horse batterY", ana.passwordHash())).isFalse();
        assertThat(ana.toString()).doesNotContain(ana.passwordHash());
        assertThat(again.loadUserByUsername("ana").getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_CITIZEN", "ROLE_MANAGER");
        assertThatThrownBy(() -> again.loadUserByUsername("nobody")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void refusesAShortPasswordAndAUserNameOutsideTheRuleNamingThem() {
        Accounts accounts = Accounts.open(dir.resolve("accounts.json"), encoder);
        assertThatThrownBy(() -> accounts.put("ana", null, Set.of(Role.CITIZEN), "short"))
                .isInstanceOf(IdentityException.class)
                .hasMessage("the password of 'ana' must have 12 characters or more");
        assertThatThrownBy(() -> accounts.put("ana/../x", null, Set.of(Role.CITIZEN), "long enough password"))
                .isInstanceOf(IdentityException.class)
                .hasMessageStartingWith("user name 'ana/../x' must be 1 to 64 letters");
        assertThat(accounts.size()).isZero();
    }

    @Test
    void aBadAccountsFileIsRefusedNamingTheFileTheAccountAndTheField() throws Exception {
        Path file = dir.resolve("accounts.json");
        Files.writeString(
                file,
                "{\"accounts\":[{\"username\":\"ana\",\"roles\":[\"citizen\"],\"password\":\"{argon2}x\"},"
                        + "{\"username\":\"bob\",\"roles\":[\"mayor\"],\"password\":\"{argon2}y\"}]}");
        assertThatThrownBy(() -> Accounts.open(file, encoder))
                .isInstanceOf(IdentityException.class)
                .hasMessage(file + ", account 2 (bob): 'roles': 'mayor' is no role: citizen, manager, official or"
                        + " operator");

        Files.writeString(file, "{\"accounts\":[\n{\"username\":\"ana\",\n");
        assertThatThrownBy(() -> Accounts.open(file, encoder))
                .isInstanceOf(IdentityException.class)
                .hasMessageStartingWith(file + ": not an accounts file (line ");
    }

    @Test
    void aRunningStoreSeesAnAccountAnotherProcessAddedAndKeepsItsAccountsWhenTheFileIsBroken() throws Exception {
        Path file = dir.resolve("accounts.json");
        Accounts server = Accounts.open(file, encoder);
        assertThat(server.find("ana")).isEmpty();

        Accounts.open(file, encoder).put("ana", "Ana", Set.of(Role.CITIZEN), "correct horse battery");
        assertThat(server.find("ana")).isPresent();

        Files.writeString(file, "{ broken");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(server.find("ana")).isPresent();
    }
}
