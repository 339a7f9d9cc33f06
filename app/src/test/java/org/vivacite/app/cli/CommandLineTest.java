package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, version, and one clear line for every mistake. */
class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = VivaciteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsEveryCommandWithADescription() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .containsPattern("(?m)^\\s+serve\\s+Start the HTTP server")
                .containsPattern("(?m)^\\s+help\\s+Display help information");
        CommandLine top = VivaciteCommand.commandLine();
        top.getSubcommands().forEach((name, sub) -> assertThat(out.toString()).contains(name));
    }

    @Test
    void helpOfServeExplainsEveryOption() {
        assertThat(run("help", "serve")).isZero();
        assertThat(out.toString())
                .contains("--port", "default: 8080")
                .contains("--data=DIR", "default: ./data")
                .contains("--base-iri=IRI", "http://localhost:{port}/")
                .contains("--demo");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("vivacite ");
    }

    @Test
    void unknownCommandIsOneLineWithANonZeroExit() {
        assertThat(run("serv")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("vivacite: ").contains("serv");
    }

    @Test
    void unknownOptionIsOneLineWithANonZeroExit() {
        assertThat(run("serve", "--prot", "80")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("Unknown option: '--prot'").contains("vivacite serve --help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void portOutOfRangeIsRefused() {
        assertThat(run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("vivacite: --port must be between 0 and 65535, not 70000 (see 'vivacite serve --help')");
    }

    @Test
    void portThatIsNotANumberIsRefused() {
        assertThat(run("serve", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("eighty");
    }

    @Test
    void relativeBaseIriIsRefused() {
        assertThat(run("serve", "--base-iri", "data/city")).isEqualTo(2);
        assertThat(err.toString()).contains("--base-iri 'data/city' is not an absolute http(s) IRI");
    }

    @Test
    void dataDirectoryThatCannotBeWrittenIsOneLineWithANonZeroExit(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("occupied"), "a file, not a directory");
        assertThat(run("serve", "--data", file.resolve("data").toString())).isEqualTo(1);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString().strip())
                .startsWith("vivacite: data directory '" + file.resolve("data") + "' cannot be written");
    }

    @Test
    void aSettingThatRepeatsAnOptionIsRefusedNotJoined() {
        // Spring would join both values ("d,/other") and write the stores there.
        assertThat(run("serve", "--data", "d", "--vivacite.data=/tmp/other")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "vivacite: '--vivacite.data' repeats an option of this command: use --data (see 'vivacite serve --help')");
        assertThat(run("serve", "--vivacite.baseIri=http://x.org/")).isEqualTo(2);
        assertThat(err.toString()).contains("use --base-iri");
        assertThat(run("serve", "--SERVER.PORT=1")).isEqualTo(2);
        assertThat(err.toString()).contains("use --port");
    }

    @Test
    void aBadSettingIsNamedByItsKeyOnly() {
        assertThat(run("serve", "--vivacite_security_operator_token=s3cret")).isEqualTo(2);
        assertThat(err.toString())
                .contains("'--vivacite_security_operator_token'")
                .doesNotContain("s3cret");
    }

    @Test
    void aNewDataDirectoryIsReadableByItsOwnerOnly(@TempDir Path tmp) {
        Path data = ServeCommand.prepareDataDirectory(tmp.resolve("fresh/data"));
        assertThat(data).isDirectory();
        try {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            java.nio.file.Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void portZeroNeedsABaseIri() {
        assertThat(run("serve", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--port 0 picks a port at random: give --base-iri too");
    }

    @Test
    void springSettingsPassThroughAndOptionsWin() {
        ServeCommand serve = new ServeCommand();
        CommandLine cl = new CommandLine(serve);
        cl.parseArgs("--port", "9090", "--vivacite.store.private.kind=tdb2", "--data", "/srv/vivacite");
        assertThat(serve.springArguments())
                .contains("--server.port=9090")
                .contains("--vivacite.data=/srv/vivacite")
                .contains("--vivacite.base-iri=http://localhost:9090/")
                .contains("--vivacite.store.private.kind=tdb2");
    }
}
