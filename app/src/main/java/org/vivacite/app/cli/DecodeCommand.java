package org.vivacite.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vivacite.ingest.DecodeException;
import org.vivacite.ingest.DecodedReading;
import org.vivacite.ingest.dso.DsoDecoder;
import org.vivacite.ingest.senml.SenmlDecoder;
import org.vivacite.ingest.senml.SenmlResult;
import org.vivacite.ingest.tic.RejectedDataset;
import org.vivacite.ingest.tic.TicDecoder;
import org.vivacite.ingest.wmbus.WmbusDecoder;
import org.vivacite.ontology.QuantityRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vivacite decode}: decodes meter payloads without starting the server, one JSON object per
 * reading ({@code jsonl}), and one per input that cannot be read, with the reason; or, with
 * {@code --format ttl}, the observations the ingest mapping makes of the readings
 * ({@link TurtleReadings}), errors as comments.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decode meter payloads without starting the server: one JSON object per reading.",
            "wmbus: one telegram in hex per line (blank lines and # comments ignored); tic: a raw byte stream;",
            "senml: a SenML JSON pack (CBOR if it is not JSON); csv: the DSO CSV; dataconnect: a meter_reading."
        },
        footer = {
            "",
            "--format ttl prints the readings as SOSA observations, as the ingest pipeline maps them: pseudonyms",
            "under an ephemeral random key, or with --data DIR under the server's key, with the meters of DIR's",
            "registry. Exit code 2 when nothing at all could be decoded (docs/ingest.md)."
        })
public final class DecodeCommand implements Callable<Integer> {

    private static final JsonFactory JSON = new JsonFactory();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "wmbus, tic, senml, csv or dataconnect")
    String format;

    @Parameters(
            index = "1",
            paramLabel = "FILE",
            defaultValue = "-",
            description = "The input (default: standard input).")
    String file;

    @Option(names = "--key", paramLabel = "HEX", description = "The AES-128 key of every wM-Bus meter of the input.")
    String key;

    @Option(
            names = "--keys",
            paramLabel = "FILE",
            description = "A CSV meter_id,key_hex (as simulate writes keys.csv).")
    Path keysFile;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            paramLabel = "jsonl|ttl",
            description = "Output: jsonl (default), or ttl: the readings as Turtle observations.")
    String output;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "With --format ttl: the server's data directory, for its pseudonymisation key and meter"
                    + " registry (read only). Without it the pseudonyms are under a random key.")
    Path data;

    /** The Turtle output, when --format ttl. */
    private TurtleReadings turtle;

    private int decoded;
    /** Read after logging is set up: loading it starts Jena, whose GeoSPARQL part logs at start. */
    private QuantityRegistry quantities;

    @Override
    public Integer call() throws IOException {
        quantities = QuantityRegistry.standard();
        if (!output.equals("jsonl") && !output.equals("ttl")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format " + output + ": expected jsonl or ttl");
        }
        if (data != null && !output.equals("ttl")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--data is for --format ttl only");
        }
        if (output.equals("ttl")) {
            turtle = TurtleReadings.open(data, quantities);
        }
        byte[] input = read();
        PrintWriter out = spec.commandLine().getOut();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "wmbus" -> wmbus(input, out);
            case "tic" -> {
                for (TicDecoder.Frame frame : new TicDecoder().decodeFrames(input)) {
                    int index = frame.index() + 1; // frames counted from 1, as lines
                    frame.result().readings().forEach(r -> reading(out, index, r));
                    for (RejectedDataset rejected : frame.result().rejected()) {
                        error(out, index, rejected.reason());
                    }
                }
            }
            case "senml" -> {
                try {
                    SenmlDecoder decoder = new SenmlDecoder();
                    SenmlResult result = looksLikeJson(input) ? decoder.decodeJson(input) : decoder.decodeCbor(input);
                    result.readings().forEach(r -> reading(out, 1, r));
                    result.unmapped().forEach(u -> error(out, 1, u.reason()));
                } catch (DecodeException e) {
                    error(out, 1, e.getMessage());
                }
            }
            case "csv", "dataconnect" -> {
                try {
                    DsoDecoder decoder = new DsoDecoder(WmbusDecoder.DEFAULT_ZONE);
                    List<DecodedReading> readings =
                            format.equalsIgnoreCase("csv") ? decoder.csv(input) : decoder.dataConnect(input);
                    readings.forEach(r -> reading(out, 1, r));
                } catch (DecodeException e) {
                    error(out, 1, e.getMessage());
                }
            }
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "unknown format '" + format + "': expected wmbus, tic, senml, csv or dataconnect");
        }
        if (turtle != null) {
            turtle.write(out);
        }
        out.flush();
        return decoded > 0 ? 0 : 2;
    }

    private void wmbus(byte[] input, PrintWriter out) throws IOException {
        Map<String, byte[]> keys = keys();
        byte[] single = key == null ? null : hexKey(key, "--key");
        WmbusDecoder decoder = new WmbusDecoder(
                (manufacturer, meterId) -> Optional.ofNullable(single != null ? single : keys.get(meterId)));
        List<String> lines =
                new String(input, StandardCharsets.US_ASCII).lines().toList();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                int input1 = n;
                decoder.decode(line).forEach(r -> reading(out, input1, r));
            } catch (DecodeException e) {
                error(out, n, e.getMessage());
            }
        }
    }

    private Map<String, byte[]> keys() throws IOException {
        Map<String, byte[]> keys = new HashMap<>();
        if (keysFile == null) {
            return keys;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(keysFile);
        } catch (NoSuchFileException e) {
            throw new CliException("--keys " + keysFile + ": no such file");
        }
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("meter_id")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 2) {
                throw new CliException("--keys " + keysFile + " line " + n + ": expected meter_id,key_hex");
            }
            keys.put(f[0].strip(), hexKey(f[1].strip(), "--keys " + keysFile + " line " + n));
        }
        return keys;
    }

    private static byte[] hexKey(String hex, String where) {
        try {
            return org.vivacite.ingest.keys.MeterKeyFile.parseKey(hex, where);
        } catch (org.vivacite.ingest.DecodeException e) {
            throw new CliException(e.getMessage());
        }
    }

    private byte[] read() throws IOException {
        if (file.equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        }
    }

    private static boolean looksLikeJson(byte[] input) {
        for (byte b : input) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    private void reading(PrintWriter out, int input, DecodedReading r) {
        if (turtle != null) {
            if (turtle.add(input, r)) {
                decoded++;
            }
            return;
        }
        decoded++;
        String unit = quantities
                .find(r.quantity())
                .map(q -> q.canonicalUnitIri().substring(q.canonicalUnitIri().lastIndexOf('/') + 1))
                .orElse(null);
        line(out, g -> {
            g.writeNumberField("input", input);
            g.writeStringField("meter", r.meterId());
            if (r.manufacturer() != null) {
                g.writeStringField("manufacturer", r.manufacturer());
            }
            g.writeStringField("quantity", r.quantity());
            g.writeNumberField("value", r.value());
            if (unit != null) {
                g.writeStringField("unit", unit);
            }
            if (r.time() != null) {
                g.writeStringField("time", r.time().toString());
            }
            if (r.interval() != null) {
                g.writeStringField("interval", r.interval().toString());
            }
            if (r.tariffPeriod() != null) {
                g.writeStringField("tariffPeriod", r.tariffPeriod());
            }
        });
    }

    private void error(PrintWriter out, int input, String reason) {
        if (turtle != null) {
            turtle.error(input, reason);
            return;
        }
        line(out, g -> {
            g.writeNumberField("input", input);
            g.writeStringField("error", reason);
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static void line(PrintWriter out, Fields fields) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.println(text);
    }
}
