package org.vivacite.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as the README says: {@code java -jar app/target/vivacite.jar …}. Starts real
 * processes; the server listens on a free loopback port.
 */
class ServeJarIT {

    private static final Path JAR = Path.of(System.getProperty("vivacite.jar", "target/vivacite.jar"));

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {}

    private Result run(String... args) throws Exception {
        Process p = start(args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("command finished").isTrue();
        return new Result(p.exitValue(), read(tmp.resolve("out.txt")), read(tmp.resolve("err.txt")));
    }

    private Process start(String... args) throws IOException {
        return startLogged("", args);
    }

    /** Runs the jar with its output in {@code {prefix}out.txt} and {@code {prefix}err.txt}. */
    private Process startLogged(String prefix, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(List.of(javaBin(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectOutput(tmp.resolve(prefix + "out.txt").toFile())
                .redirectError(tmp.resolve(prefix + "err.txt").toFile())
                .start();
    }

    @Test
    void serveAnswersHealthUpWithinSixtySeconds() throws Exception {
        int port = freePort();
        Path data = tmp.resolve("data");
        Instant started = Instant.now();
        Process server = start(
                "serve",
                "--port",
                String.valueOf(port),
                "--data",
                data.toString(),
                "--demo",
                "--server.address=127.0.0.1",
                "--vivacite.mqtt.port=0",
                "--vivacite.coap.port=0");
        try {
            String health = null;
            while (Duration.between(started, Instant.now()).toSeconds() < 60 && server.isAlive()) {
                try {
                    var response = Http.get("http://127.0.0.1:" + port + "/actuator/health");
                    if (response.statusCode() == 200) {
                        health = response.body();
                        break;
                    }
                } catch (java.io.UncheckedIOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            assertThat(health)
                    .as("health within 60 s; server log:%n%s", read(tmp.resolve("out.txt")))
                    .startsWith("{\"status\":\"UP\"");
            System.out.printf(
                    "serve: /actuator/health UP after %d ms%n",
                    Duration.between(started, Instant.now()).toMillis());
            assertThat(data.resolve("credentials")).isRegularFile();
            assertThat(data.resolve("private")).isDirectory();
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("credentials"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("private"))).isEqualTo("rwx------");
            assertThat(data.resolve("public")).isDirectory();
            assertThat(read(tmp.resolve("out.txt")))
                    .contains(data.resolve("credentials").toString());
            // 'publish' while the server holds the stores asks it, with the operator token of
            // {data}/credentials; the demo city is still deriving its history, so it says to wait
            Process publish = startLogged(
                    "publish-", "publish", "--data", data.toString(), "--server", "http://127.0.0.1:" + port + "/");
            assertThat(publish.waitFor(60, TimeUnit.SECONDS))
                    .as("publish finished")
                    .isTrue();
            String publishErr = read(tmp.resolve("publish-err.txt"));
            assertThat(publish.exitValue()).as(publishErr).isNotZero();
            assertThat(publishErr)
                    .contains("asking it to publish")
                    .contains("refused to publish (409)")
                    .contains("still being derived")
                    .doesNotContain("Exception");
        } finally {
            server.destroy(); // SIGTERM: a graceful stop
            assertThat(server.waitFor(30, TimeUnit.SECONDS))
                    .as("stopped on SIGTERM")
                    .isTrue();
        }
        assertThat(read(tmp.resolve("err.txt"))).doesNotContain("Exception");
        Result stats = run("store", "stats", "--data", data.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        // The territory and the worked example's household are there from the start; the demo
        // city's households and readings follow in the background (DemoCityTest covers them).
        assertThat(stats.out())
                .contains("private store: lmdb")
                .contains("/graph/territory")
                .contains("/graph/private/3f9a1c0e5b7d2a64");
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\s+serve\\s+\\S").containsPattern("(?m)^\\s+help\\s+\\S");
    }

    @Test
    void badOptionIsOneLineOnStderrWithoutAStackTrace() throws Exception {
        Result r = run("serve", "--colour", "blue");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("Unknown option: '--colour'").doesNotContain("Exception");
    }

    @Test
    void unwritableDataDirectoryIsOneLineOnStderr() throws Exception {
        Path file = Files.writeString(tmp.resolve("occupied"), "x");
        Result r = run("serve", "--data", file.resolve("data").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot be written").doesNotContain("Exception");
    }

    @Test
    void aDataDirectoryOthersMayReadIsRefusedWithTheCommandThatFixesIt() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x")); // as mkdir makes it
        Process server = start("serve", "--port", "0", "--base-iri", "http://localhost/", "--data", data.toString());
        try {
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("refused").isTrue();
        } finally {
            server.destroyForcibly();
        }
        String err = read(tmp.resolve("err.txt"));
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(err.strip().lines()).hasSize(1);
        assertThat(err).contains("is open to other users").contains("'chmod -R go-rwx " + data + "'");
    }

    @Test
    void portInUseIsAClearErrorAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run(
                    "serve",
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--data",
                    tmp.resolve("d").toString(),
                    "--server.address=127.0.0.1",
                    "--vivacite.mqtt.port=0",
                    "--vivacite.coap.port=0");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip().lines().toList())
                    .last()
                    .asString()
                    .startsWith("vivacite: the server could not start:")
                    .contains(String.valueOf(taken.getLocalPort()));
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
