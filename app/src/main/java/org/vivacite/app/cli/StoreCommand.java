package org.vivacite.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.triplestore.Backups;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;
import org.vivacite.triplestore.StoreProperties;
import org.vivacite.triplestore.support.OwnerOnly;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vivacite store …}: inspect and maintain a store while the server is stopped. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Inspect and maintain a store (server stopped): stats, backup, restore, compact, check.",
        footer = {"", "Each subcommand takes --store private|public, --data DIR, and settings as --<key>=<value>."},
        subcommands = {
            StoreCommand.Stats.class,
            StoreCommand.Backup.class,
            StoreCommand.Restore.class,
            StoreCommand.Compact.class,
            StoreCommand.Check.class
        })
public final class StoreCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand: stats, backup, restore, compact or check");
    }

    /** The options every store subcommand takes, and how it opens the store. */
    static final class Target {

        enum Role {
            PRIVATE,
            PUBLIC;

            String key() {
                return name().toLowerCase();
            }
        }

        @Option(
                names = "--store",
                paramLabel = "private|public",
                defaultValue = "private",
                converter = RoleConverter.class,
                description = "Which store (default: ${DEFAULT-VALUE}).")
        Role role;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                defaultValue = "${env:VIVACITE_DATA:-./data}",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path data;

        /** Settings given after the command as --key=value, set by the subcommand. */
        List<String> settings = List.of();

        /** Whether a missing data directory or embedded store is created (as serve would) rather than refused. */
        boolean create;

        /** Opens the store as the server would: same settings (application.yml, VIVACITE_*, --key=value). */
        QuadStore open() {
            Path root = root();
            if (create) {
                ServeCommand.prepareDataDirectory(root);
            } else if (!Files.isDirectory(root)) {
                throw new CliException("data directory '" + root + "' does not exist");
            }
            StoreProperties.Role r = settings(root);
            if (!create && r.directory() != null && !Files.isDirectory(r.directory())) {
                throw new CliException("no " + role.key() + " store in '" + root + "': expected " + r.directory());
            }
            ServeCommand.keepTemporaryFilesUnder(root);
            return QuadStores.open(role.key(), r);
        }

        /**
         * What {@link #open} with {@code create} would make: the data directory (or the first of its
         * missing parents), its {@code tmp}, the store's directory; those that are there already are
         * left out.
         */
        /** Whether the store is there to open without creating it (a remote store always is). */
        boolean exists() {
            Path root = root();
            if (!Files.isDirectory(root)) {
                return false;
            }
            StoreProperties.Role r = settings(root);
            return r.directory() == null || Files.isDirectory(r.directory());
        }

        List<Path> missing() {
            Path root = root();
            List<Path> missing = new ArrayList<>();
            for (Path p :
                    Arrays.asList(root, root.resolve("tmp"), settings(root).directory())) {
                if (p == null || Files.exists(p) || missing.stream().anyMatch(p::startsWith)) {
                    continue;
                }
                while (p.getParent() != null && !Files.exists(p.getParent())) {
                    p = p.getParent();
                }
                missing.add(p);
            }
            return missing;
        }

        private Path root() {
            return data.toAbsolutePath().normalize();
        }

        /** The store's settings, an embedded store's directory under the data directory by default. */
        private StoreProperties.Role settings(Path root) {
            StoreProperties stores = Settings.bind(root, settings, "vivacite.store", StoreProperties.class);
            StoreProperties.Role r = role == Role.PRIVATE ? stores.privateStore() : stores.publicStore();
            return r.directory() == null && !"remote".equals(r.kind()) ? r.withDirectory(root.resolve(role.key())) : r;
        }

        String baseIri() {
            return Settings.bind(data.toAbsolutePath().normalize(), settings, "vivacite", VivaciteProperties.class)
                    .baseIri();
        }
    }

    static final class RoleConverter implements CommandLine.ITypeConverter<Target.Role> {
        @Override
        public Target.Role convert(String value) {
            return switch (value) {
                case "private" -> Target.Role.PRIVATE;
                case "public" -> Target.Role.PUBLIC;
                default ->
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a store: use private or public");
            };
        }
    }

    abstract static class StoreTask implements Callable<Integer> {

        @Mixin
        Target target;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() throws Exception {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            target.settings = settings;
            target.create = createsTheStore();
            List<Path> made = target.create ? target.missing() : List.of();
            try (QuadStore store = target.open()) {
                return run(store);
            } catch (Exception e) {
                for (Path p : made) {
                    deleteAll(p, e);
                }
                throw e;
            }
        }

        abstract int run(QuadStore store) throws Exception;

        /**
         * Whether a missing data directory and store are created, as {@code serve} creates them;
         * if the command then fails, what it made is removed.
         */
        boolean createsTheStore() {
            return false;
        }

        private static void deleteAll(Path path, Exception failure) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                failure.addSuppressed(e);
            }
        }

        static String summary(Map<String, Long> stats) {
            long triples = stats.values().stream().mapToLong(Long::longValue).sum();
            return stats.size()
                    + (stats.size() == 1 ? " graph, " : " graphs, ")
                    + triples
                    + (triples == 1 ? " triple" : " triples");
        }
    }

    @Command(
            name = "stats",
            mixinStandardHelpOptions = true,
            description = "Print the store's kind, health and triples per graph.")
    static final class Stats extends StoreTask {
        @Override
        int run(QuadStore store) {
            Map<String, Long> stats = store.statistics();
            out().printf(
                            "%s store: %s, %s%n",
                            store.role(), store.kind(), store.health().detail());
            out().println(summary(stats));
            stats.forEach((graph, n) -> out().printf("%12d  %s%n", n, graph));
            return 0;
        }
    }

    @Command(
            name = "backup",
            mixinStandardHelpOptions = true,
            description = "Write every quad of the store to FILE as gzipped N-Quads.")
    static final class Backup extends StoreTask {
        @Parameters(paramLabel = "FILE", description = "The backup to write, for example private-2026-11-28.nq.gz.")
        Path file;

        @Override
        int run(QuadStore store) throws IOException {
            Path target = file.toAbsolutePath();
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            OwnerOnly.createFile(partial); // a backup holds private readings
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                store.backup(os);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out().printf(
                            "backed up the %s store (%s) to %s (%d bytes)%n",
                            store.role(), summary(store.statistics()), target, Files.size(target));
            return 0;
        }
    }

    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = "Replace the whole content of the store with a backup (gzipped or plain N-Quads).")
    static final class Restore extends StoreTask {
        @Parameters(paramLabel = "FILE", description = "A backup written by 'store backup'.")
        Path file;

        @Override
        public Integer call() throws Exception {
            if (!Files.isReadable(file)) {
                throw new CliException("backup '" + file.toAbsolutePath() + "' cannot be read");
            }
            return super.call();
        }

        /** A lost machine is rebuilt from its backups: restoring onto an empty data directory creates the store. */
        @Override
        boolean createsTheStore() {
            return true;
        }

        @Override
        int run(QuadStore store) throws IOException {
            long quads = Backups.validate(file.toAbsolutePath()); // the whole file, before anything changes
            try (InputStream in = Backups.open(file)) {
                store.restore(in);
            }
            out().printf(
                            "restored the %s store from %s (%d quads): %s%n",
                            store.role(), file.toAbsolutePath(), quads, summary(store.statistics()));
            return 0;
        }
    }

    @Command(
            name = "compact",
            mixinStandardHelpOptions = true,
            description = "Reclaim the disk space that past transactions left behind (TDB2).")
    static final class Compact extends StoreTask {
        @Override
        int run(QuadStore store) {
            if (store.compact()) {
                out().printf(
                                "compacted the %s store (%s): %s%n",
                                store.role(), store.kind(), summary(store.statistics()));
            } else {
                out().printf(
                                "the %s store (%s) reuses freed space itself: nothing to compact%n",
                                store.role(), store.kind());
            }
            return 0;
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Open the store, count its graphs and validate them against the platform's SHACL shapes.")
    static final class Check extends StoreTask {
        private static final int SHOWN = 20;

        @Override
        int run(QuadStore store) {
            if (!store.health().up()) {
                throw new CliException(store.health().detail());
            }
            Map<String, Long> stats = store.statistics();
            out().printf("%s store opens and answers: %s%n", store.role(), summary(stats));
            GraphNames graphs =
                    new GraphNames(GraphNames.inferBase(stats.keySet()).orElseGet(target::baseIri));
            Model territory = ModelFactory.createModelForGraph(store.read(graphs.territory()));
            ShapeValidator validator = new ShapeValidator();
            int checked = 0;
            List<String> violations = new ArrayList<>();
            for (String graph : stats.keySet()) {
                if (graph.equals(graphs.vocabulary())) {
                    continue; // the ontology itself, checked by the build
                }
                Model data = ModelFactory.createDefaultModel().add(territory);
                if (!graph.equals(graphs.territory())) {
                    data.add(ModelFactory.createModelForGraph(store.read(graph)));
                }
                ShapeReport report = validator.validate(data);
                checked++;
                report.violations().forEach(v -> violations.add("<" + graph + "> " + v));
            }
            out().printf("shapes: %d graph(s) checked, %d violation(s)%n", checked, violations.size());
            violations.stream().limit(SHOWN).forEach(v -> out().println("  " + v));
            if (violations.size() > SHOWN) {
                out().printf("  … and %d more%n", violations.size() - SHOWN);
            }
            return violations.isEmpty() ? 0 : 1;
        }
    }
}
