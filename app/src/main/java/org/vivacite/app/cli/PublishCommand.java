package org.vivacite.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.demo.DemoCityState;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.opendata.OpenDataConfiguration;
import org.vivacite.app.opendata.OpenDataProperties;
import org.vivacite.app.opendata.PublishReport;
import org.vivacite.opendata.OpenDataException;
import org.vivacite.opendata.release.Publisher;
import org.vivacite.opendata.release.ReleaseFolders;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreLockedException;
import org.vivacite.triplestore.rollup.MeterDayRollups;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vivacite publish}: makes a release of every open dataset (docs/open-data.md). While the
 * server runs on the data directory, it asks the server ({@code POST /admin/publish} with the
 * operator token); when the server is stopped, it opens the stores and publishes itself.
 */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Make a release of every open dataset from the complete days in the private store: anonymised",
            "aggregates (disclosure control), files under {data}/open-data/{dataset}/{release}/, the public",
            "Data Cube graphs and the catalogue; its private audit record under {data}/releases/{release}/.",
            "Prints what it made and the information loss. Refuses, writing nothing, a release that",
            "disclosure control cannot protect. Asks the running server to do it if there is one."
        },
        footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
public final class PublishCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "${env:VIVACITE_DATA:-./data}",
            description = "The server's data directory (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "http://localhost:8080/",
            description = "The running server to ask when it holds the stores (default: ${DEFAULT-VALUE}).")
    URI server;

    @CommandLine.Unmatched
    List<String> settings = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
        Path root = data.toAbsolutePath().normalize();
        StoreCommand.Target target = new StoreCommand.Target();
        target.role = StoreCommand.Target.Role.PRIVATE;
        target.data = root;
        target.settings = settings;
        QuadStore privateStore;
        try {
            privateStore = target.open();
        } catch (StoreLockedException e) {
            return askServer(root);
        }
        try (privateStore) {
            target.role = StoreCommand.Target.Role.PUBLIC;
            try (QuadStore publicStore = target.open()) {
                VivaciteProperties app = Settings.bind(root, settings, "vivacite", VivaciteProperties.class);
                OpenDataProperties open = Settings.bind(root, settings, "vivacite.open-data", OpenDataProperties.class);
                String base = IngestSession.baseIri(privateStore, app.baseIri());
                ReleaseFolders folders = OpenDataConfiguration.folders(root);
                Publisher publisher = OpenDataConfiguration.publisher(
                        base,
                        root,
                        open,
                        OpenDataConfiguration.catalogSettings(base, open),
                        folders,
                        privateStore,
                        publicStore,
                        DemoCityState.demoCity(root).orElse(null));
                // What the rollups' journal holds is written first, one part per rollup.
                try (MeterDayRollups rollups = IngestParts.rollups(privateStore, root)) {
                    rollups.consolidate();
                }
                Publisher.Result result;
                try {
                    result = publisher.publish();
                } catch (OpenDataException e) {
                    throw new CliException(e.getMessage(), e);
                }
                print(JSON.writeValueAsString(PublishReport.of(result, base)));
                return 0;
            }
        }
    }

    /** The server holds the stores: {@code POST /admin/publish} with the operator token. */
    private int askServer(Path root) throws IOException, InterruptedException {
        String token = operatorToken(root, settings);
        URI endpoint = server.resolve("/admin/publish");
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        spec.commandLine().getErr().println("The server holds the stores: asking it to publish (" + endpoint + ")");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException("the stores of '" + root + "' are in use, but no server answers at " + server
                    + ": give its address with --server URL");
        }
        if (response.statusCode() != 200) {
            throw new CliException("the server refused to publish (" + response.statusCode() + "): "
                    + response.body().strip());
        }
        print(response.body());
        return 0;
    }

    /** The operator token: from the settings, else from {@code {data}/credentials}. */
    static String operatorToken(Path root, List<String> settings) throws IOException {
        VivaciteProperties app = Settings.bind(root, settings, "vivacite", VivaciteProperties.class);
        if (app.security().operatorToken() != null
                && !app.security().operatorToken().isBlank()) {
            return app.security().operatorToken();
        }
        Path file = root.resolve("credentials");
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String token = p.getProperty("operator-token");
        if (token == null) {
            throw new CliException(
                    "no operator token: none configured (vivacite.security.operator-token) and none in " + file);
        }
        return token;
    }

    private void print(String text) {
        spec.commandLine().getOut().println(text.strip());
    }
}
