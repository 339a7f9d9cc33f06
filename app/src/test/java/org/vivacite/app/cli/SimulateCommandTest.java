package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vivacite simulate}: to a folder, live to a real HTTP peer, and one clear line per mistake. */
class SimulateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        CommandLine cl = VivaciteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void writesTheTerritoryRegistryKeysAndReadingsIntoAFolder() throws Exception {
        Path folder = temp.resolve("city");
        int code = run(
                "simulate",
                "--out",
                folder.toString(),
                "--seed",
                "9",
                "--households",
                "60",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-03",
                "--format",
                "wmbus,csv");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote ", " readings of ", "60 dwellings", "from 2026-03-01 to 2026-03-03");
        for (String file : org.vivacite.simulator.territory.TerritoryFiles.NAMES) {
            assertThat(folder.resolve("territory").resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(folder.resolve("meters.csv")).get(0)).startsWith("meter_id,manufacturer,");
        assertThat(Files.readAllLines(folder.resolve("keys.csv")).get(0)).isEqualTo("meter_id,key_hex");
        assertThat(folder.resolve("wmbus/2026-03-01.hex")).isNotEmptyFile();
        assertThat(folder.resolve("csv/2026-03-02.csv")).isNotEmptyFile();
        assertThat(folder.resolve("tic")).doesNotExist();
        assertThat(folder.resolve("senml")).doesNotExist();
    }

    @Test
    void sendsLiveDeliveriesToARunningServerOverHttp() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ingest/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            received.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body.strip());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            int code = run(
                    "simulate",
                    "--to-url",
                    "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--token",
                    "gateway-secret",
                    "--households",
                    "30",
                    "--from",
                    "2026-03-01",
                    "--to",
                    "2026-03-02",
                    "--step",
                    "P1D",
                    "--format",
                    "wmbus",
                    "--rate",
                    "10000/s");
            assertThat(code).as(err.toString()).isZero();
        } finally {
            server.stop(0);
        }
        assertThat(received)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r).matches("/ingest/wmbus Bearer gateway-secret [0-9A-F]+"));
        assertThat(out.toString()).contains("Sent " + received.size() + " deliveries");
        assertThat(out.toString()).doesNotContain("gateway-secret");
    }

    @Test
    void mistakesGetOneClearLine() {
        assertThat(run("simulate", "--out", temp.resolve("a").toString(), "--households", "5"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--households", "at least 30 households, not 5");
        err.getBuffer().setLength(0);
        assertThat(run("simulate", "--out", temp.resolve("b").toString(), "--step", "PT45M"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--step PT45M must be a multiple of 30 minutes");
        err.getBuffer().setLength(0);
        assertThat(run("simulate", "--out", temp.resolve("c").toString(), "--format", "zigbee"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown wire format 'zigbee'");
        err.getBuffer().setLength(0);
        assertThat(run("simulate", "--out", temp.resolve("d").toString(), "--from", "2026-03-05", "--to", "2026-03-01"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--from 2026-03-05 must come before --to 2026-03-01");
        err.getBuffer().setLength(0);
        assertThat(run("simulate")).isEqualTo(2);
        assertThat(err.toString()).contains("--out", "--to-url", "--mqtt", "--coap");
        err.getBuffer().setLength(0);
        assertThat(run("simulate", "--to-url", "http://127.0.0.1:1", "--token", "", "--to", "2026-03-02"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("needs the gateway's token");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void anUnreachableServerIsOneLineNamingIt() {
        int code = run(
                "simulate",
                "--to-url",
                "http://127.0.0.1:1",
                "--token",
                "t",
                "--households",
                "30",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-02",
                "--format",
                "wmbus");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("http://127.0.0.1:1/ingest/wmbus");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
