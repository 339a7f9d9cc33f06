package org.vivacite.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.security.PseudonymisationKey;
import org.vivacite.territory.TerritoryImport;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreLockedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vivacite territory …}: the city's territory from national reference files (docs/territory.md). */
@Command(
        name = "territory",
        mixinStandardHelpOptions = true,
        description = "The territory: import it from national reference files (communes, EPCI, IRIS contours, …).",
        subcommands = {TerritoryCommand.Import.class})
public final class TerritoryCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: import");
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Import the whole territory from its files, each recognised by its content: INSEE's COG communes,",
                "the DGCL EPCI composition, IGN's IRIS contours (GeoJSON or GeoPackage, Lambert-93 or WGS 84), …",
                "All or nothing: a file that breaks a rule changes nothing and its error names the file, the line",
                "or feature and the rule. Prints what it imported and what it could not place. Asks the running",
                "server to do it (POST /admin/territory) if there is one."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Import implements Callable<Integer> {

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

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "The territory's files.")
        List<Path> files;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new CliException(file + ": no such file");
                }
            }
            Path root = data.toAbsolutePath().normalize();
            StoreCommand.Target target = new StoreCommand.Target();
            target.role = StoreCommand.Target.Role.PRIVATE;
            target.data = root;
            target.settings = settings;
            target.create = true;
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
                    String base = IngestSession.baseIri(privateStore, app.baseIri());
                    TerritoryImport.Report report = new TerritoryImport(
                                    base,
                                    publicStore,
                                    privateStore,
                                    PseudonymisationKey.loadOrCreate(app),
                                    Clock.systemUTC())
                            .run(files);
                    spec.commandLine().getOut().println(JSON.writeValueAsString(report));
                    return 0;
                }
            }
        }

        /** The server holds the stores: the files go to {@code POST /admin/territory} with the operator token. */
        private int askServer(Path root) throws IOException {
            URI endpoint = server.resolve("/admin/territory");
            MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
            files.forEach(f -> parts.add("file", new FileSystemResource(f)));
            spec.commandLine().getErr().println("The server holds the stores: asking it to import (" + endpoint + ")");
            String body;
            try {
                body = RestClient.create()
                        .post()
                        .uri(endpoint)
                        .header("Authorization", "Bearer " + PublishCommand.operatorToken(root, settings))
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts)
                        .retrieve()
                        .body(String.class);
            } catch (ResourceAccessException e) {
                throw new CliException("the stores of '" + root + "' are in use, but no server answers at " + server
                        + ": give its address with --server URL");
            } catch (RestClientResponseException e) {
                throw new CliException("the server refused the import ("
                        + e.getStatusCode().value() + "): " + detail(e.getResponseBodyAsString()));
            }
            spec.commandLine().getOut().println(body == null ? "" : body.strip());
            return 0;
        }

        private static String detail(String body) {
            try {
                return JSON.readTree(body).path("detail").asText(body.strip());
            } catch (IOException e) {
                return body.strip();
            }
        }
    }
}
