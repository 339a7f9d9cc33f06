package org.vivacite.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.vivacite.app.VivaciteServer;
import org.vivacite.triplestore.StoreProperties;
import org.vivacite.triplestore.support.OwnerOnly;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vivacite serve}: runs the HTTP server until it is stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the HTTP server: open both stores, serve health, metrics and the admin API.",
        footer = {
            "",
            "Any other setting can follow as --<key>=<value>, for example",
            "  --vivacite.store.private.kind=tdb2   (see docs/configuration.md).",
            "The options above win over application.yml and VIVACITE_* variables."
        })
public final class ServeCommand implements Callable<Integer> {

    private static final Pattern SETTING = Pattern.compile("--[a-zA-Z][\\w-]*(\\.[\\w\\[\\]-]+)+=.*");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            defaultValue = "${env:VIVACITE_PORT:-8080}",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "${env:VIVACITE_DATA:-./data}",
            description =
                    "Directory that holds everything the platform keeps: stores, credentials, inbox (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(
            names = "--base-iri",
            paramLabel = "IRI",
            defaultValue = "${env:VIVACITE_BASE_IRI}",
            description = "Public base IRI of every resource the platform mints (default: http://localhost:{port}/).")
    String baseIri;

    @Option(
            names = "--demo",
            defaultValue = "${env:VIVACITE_DEMO:-false}",
            description =
                    "Bring the demo city to life: its territory at start, a year of its readings in the background, then live readings (docs/simulator.md).")
    boolean demo;

    @CommandLine.Unmatched
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        List<String> springArgs = springArguments();
        Path root = prepareDataDirectory(data);
        keepTemporaryFilesUnder(root);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplication(VivaciteServer.class).run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new CliException("the server could not start: " + startFailure(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        if (context.isActive()) {
            stopped.await();
        }
        return 0;
    }

    private static String startFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException portInUse) {
                return "port " + portInUse.getPort() + " is already in use";
            }
        }
        return VivaciteCommand.message(e);
    }

    List<String> springArguments() {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        checkSettings(spec, settings, SERVE_OPTIONS);
        if (port == 0 && (baseIri == null || baseIri.isBlank())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--port 0 picks a port at random: give --base-iri too, or IRIs would be minted under port 0");
        }
        String base = baseIri == null || baseIri.isBlank() ? "http://localhost:" + port + "/" : baseIri;
        checkBaseIri(base);
        Path root = data.toAbsolutePath().normalize();
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--vivacite.data=" + root);
        args.add("--vivacite.base-iri=" + base);
        args.add("--vivacite.demo=" + demo);
        if (demo && settings.stream().noneMatch(s -> s.startsWith("--vivacite.money.tempo-calendar="))) {
            // the demo city's own Tempo days (demo data, made by the published rule; docs/portal.md)
            args.add("--vivacite.money.tempo-calendar=classpath:tariffs/tempo-calendar-demo.csv");
        }
        args.addAll(settings);
        return args;
    }

    /** Settings that an option of 'serve' sets: given both ways, Spring would join the two values. */
    static final Map<String, String> SERVE_OPTIONS = Map.of(
            "server.port",
            "--port",
            "vivacite.data",
            "--data",
            "vivacite.baseiri",
            "--base-iri",
            "vivacite.demo",
            "--demo");

    /**
     * Extra arguments must be Spring settings, {@code --key.sub=value}, and must not repeat one of
     * the command's options; anything else is a mistake. Messages name the key, never the value
     * (it could be a token).
     */
    static void checkSettings(CommandLine.Model.CommandSpec spec, List<String> settings, Map<String, String> options) {
        for (String setting : settings) {
            String key = setting.contains("=") ? setting.substring(0, setting.indexOf('=')) : setting;
            if (!SETTING.matcher(setting).matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown option: '" + key + "'");
            }
            String normalized = key.substring(2)
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace("-", "")
                    .replace("_", "");
            String option = options.get(normalized);
            if (option != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "'" + key + "' repeats an option of this command: use " + option);
            }
        }
    }

    private void checkBaseIri(String base) {
        try {
            URI uri = new URI(base);
            if (!uri.isAbsolute()
                    || uri.getHost() == null
                    || !(base.startsWith("http://") || base.startsWith("https://"))) {
                throw new URISyntaxException(base, "not an absolute http(s) IRI");
            }
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--base-iri '" + base + "' is not an absolute http(s) IRI");
        }
    }

    /**
     * What under the data directory holds only public data, and keeps the modes it was given: the
     * public store and the open-data releases (which a web server may serve from a mount of its own).
     */
    static final Set<String> PUBLIC_PARTS = Set.of(StoreProperties.PUBLIC, "open-data");

    /**
     * Readies the data directory, which holds private readings and secrets: creates it owner-only
     * if it is missing; refuses it if group or others may enter it; makes every file and folder in
     * it owner-only but the {@linkplain #PUBLIC_PARTS public parts}, whatever modes an older version
     * or the umask gave them; and proves it can be written.
     */
    static Path prepareDataDirectory(Path data) {
        Path root = data.toAbsolutePath().normalize();
        try {
            if (!Files.exists(root)) {
                OwnerOnly.directories(root);
            } else if (!Files.isDirectory(root)) {
                throw new CliException("data directory '" + root + "' cannot be written: it is not a directory");
            }
            Optional<String> open = OwnerOnly.openTo(root);
            if (open.isPresent()) {
                throw new CliException("data directory '" + root + "' is open to other users (" + open.get()
                        + "), but it holds private readings and secrets: make it owner-only with 'chmod -R go-rwx "
                        + root + "'");
            }
            restrictPrivateParts(root);
            Path probe = Files.createTempFile(root, ".write-test", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliException("data directory '" + root + "' cannot be written: " + describe(e));
        }
        return root;
    }

    private static void restrictPrivateParts(Path root) {
        try {
            Path real = root.toRealPath(); // the data directory may be a link
            OwnerOnly.restrictTree(
                    real,
                    p -> p.getParent().equals(real)
                            && PUBLIC_PARTS.contains(p.getFileName().toString()));
        } catch (IOException e) {
            String file = e instanceof java.nio.file.FileSystemException f ? f.getFile() : root.toString();
            throw new CliException("data directory '" + root + "': " + file + " cannot be made owner-only ("
                    + describe(e) + "); its owner can run 'chmod -R go-rwx " + root + "'");
        }
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Temporary files stay under the data directory: the LMDB native library, and what is created
     * through {@code java.io.File.createTempFile} after this point. (NIO's {@code
     * Files.createTempFile} keeps the JVM's start-up {@code java.io.tmpdir}; Tomcat's directories are
     * placed explicitly, see DataDirectoryConfiguration.)
     */
    static void keepTemporaryFilesUnder(Path root) {
        Path tmp = root.resolve("tmp");
        try {
            OwnerOnly.directories(tmp.resolve("native"));
            OwnerOnly.restrict(tmp);
        } catch (IOException e) {
            throw new CliException("data directory '" + root + "' cannot be written: " + describe(e));
        }
        System.setProperty("java.io.tmpdir", tmp.toString());
        System.setProperty(
                "org.lwjgl.system.SharedLibraryExtractPath",
                tmp.resolve("native").toString());
    }
}
