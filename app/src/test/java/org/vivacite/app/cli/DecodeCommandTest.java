package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.output.SimulationFolder;
import picocli.CommandLine;

/** {@code vivacite decode}: the simulator's own output read back, one JSON object per reading or error. */
class DecodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path city;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void simulate() throws Exception {
        SimulationFolder.write(
                DemoCity.generate(4, 40, LocalDate.of(2026, 3, 1), null),
                city.resolve("out"),
                LocalDate.of(2026, 3, 2),
                Duration.ofDays(1),
                EnumSet.allOf(WireFormat.class),
                "default");
    }

    private int run(String... args) {
        CommandLine cl = VivaciteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Path first(String folder) throws Exception {
        try (var files = Files.list(city.resolve("out").resolve(folder))) {
            return files.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void decodesTelegramsWithTheirKeysAndSaysWhichLineCouldNotBeRead() throws Exception {
        Path telegrams = city.resolve("telegrams.hex");
        List<String> sent = Files.readAllLines(first("wmbus"));
        List<String> input = new ArrayList<>(List.of("# a comment", ""));
        input.addAll(sent);
        input.add("2E44");
        Files.write(telegrams, input);

        int code = run(
                "decode",
                "wmbus",
                telegrams.toString(),
                "--keys",
                city.resolve("out/keys.csv").toString());

        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> lines = lines();
        List<JsonNode> readings = lines.stream().filter(l -> l.has("quantity")).toList();
        assertThat(readings).hasSizeGreaterThanOrEqualTo(sent.size());
        JsonNode r = readings.get(0);
        assertThat(r.get("input").asInt()).isEqualTo(3);
        assertThat(r.get("meter").asText()).matches("[0-9]{8}");
        assertThat(r.get("unit").asText()).isIn("M3", "KiloW-HR", "UNITLESS");
        assertThat(r.get("time").asText()).endsWith("Z");
        JsonNode error = lines.get(lines.size() - 1);
        assertThat(error.get("input").asInt()).isEqualTo(input.size());
        assertThat(error.get("error").asText()).isNotBlank();
    }

    @Test
    void withoutKeysNothingDecodesAndTheExitCodeSaysSo() throws Exception {
        int code = run("decode", "wmbus", first("wmbus").toString());
        assertThat(code).isEqualTo(2);
        assertThat(lines()).allSatisfy(l -> assertThat(l.get("error").asText()).contains("no key"));
    }

    @Test
    void decodesTicSenmlAndDsoExports() throws Exception {
        assertThat(run("decode", "tic", first("tic").toString())).isZero();
        assertThat(lines())
                .anySatisfy(l -> assertThat(l.get("quantity").asText()).isEqualTo("electricityEnergyWithdrawn"));
        out.getBuffer().setLength(0);
        assertThat(run("decode", "senml", first("senml").toString())).isZero();
        assertThat(lines()).allSatisfy(l -> assertThat(l.get("unit").asText()).isEqualTo("DEG_C"));
        out.getBuffer().setLength(0);
        assertThat(run("decode", "csv", first("csv").toString())).isZero();
        assertThat(lines())
                .allSatisfy(l -> assertThat(l.get("interval").asText()).isNotBlank());
        out.getBuffer().setLength(0);
        assertThat(run("decode", "dataconnect", first("dataconnect").toString()))
                .isZero();
        assertThat(lines()).isNotEmpty();
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        assertThat(run("decode", "zigbee", first("csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'zigbee'");
        err.getBuffer().setLength(0);
        assertThat(run("decode", "wmbus", first("wmbus").toString(), "--key", "00112233"))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("--key: a key is 32 hexadecimal digits")
                .doesNotContain("00112233");
        err.getBuffer().setLength(0);
        assertThat(run("decode", "csv", city.resolve("missing.csv").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing.csv: no such file");
    }
}
