package org.vivacite.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.ingest.IngestProperties;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.MeterRegistry;
import org.vivacite.ingest.registry.RegisteredMeter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vivacite meters …}: the meter registry ({@code {data}/meters.csv}) without the server. */
@Command(
        name = "meters",
        mixinStandardHelpOptions = true,
        description = "The meter registry: import rows (server stopped), list them.",
        footer = {"", "While the server runs, use GET and POST /admin/meters instead (docs/ingest.md)."},
        subcommands = {MetersCommand.Import.class, MetersCommand.ListRows.class})
public final class MetersCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: import or list");
    }

    /** The options both subcommands take. */
    static final class DataOption {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                defaultValue = "${env:VIVACITE_DATA:-./data}",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path data;
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Register the rows of a registry CSV (the columns of simulate's meters.csv): a row replaces the one",
                "with the same meter_id, manufacturer and active_from. Writes the meters into the private store",
                "and replays the inputs quarantined for want of them. The server must be stopped.",
                "A row may name its dwelling by ban_id (its BAN address) instead of dwelling_or_building; each meter",
                "whose dwelling is in no building of the territory is printed, one line each."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Import implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @Parameters(paramLabel = "FILE", description = "The registry CSV to import.")
        Path file;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException(file + ": no such file");
            }
            List<RegisteredMeter> rows = MeterCsv.parse(text, file.toString()); // before the store is opened
            IngestPipeline.Registration r;
            try (IngestSession session =
                    IngestSession.open(options.data, settings, true, "POST the CSV to /admin/meters")) {
                r = session.pipeline.register(rows);
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "registered %d meter row(s) from %s: %d quarantined input(s) replayed, %d written,"
                                    + " %d still waiting%n",
                            r.registered(),
                            file,
                            r.replayed().tried(),
                            r.replayed().resolved(),
                            r.replayed().failed());
            r.unknownDwellings().forEach(line -> spec.commandLine().getOut().println(line));
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Print the registry as CSV (header first) on standard output.")
    static final class ListRows implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path root = options.data.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new CliException("data directory '" + root + "' does not exist");
            }
            MeterRegistry registry = IngestParts.registry(
                    root, Settings.bind(root, List.of(), "vivacite.ingest", IngestProperties.class));
            spec.commandLine().getOut().print(MeterCsv.write(registry.all()));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
