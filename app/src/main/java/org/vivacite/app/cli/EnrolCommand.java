package org.vivacite.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.opendata.OpenDataConfiguration;
import org.vivacite.app.opendata.OpenDataProperties;
import org.vivacite.app.personal.PersonalConfiguration;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.consent.ReceiptProperties;
import org.vivacite.portal.enrolment.EnrolmentException;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.StoreLockedException;
import org.vivacite.triplestore.support.OwnerOnly;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vivacite enrol …}: the operator's side of enrolment (docs/consent.md), on the private
 * store while the server is stopped: one-time codes per dwelling for a mail merge, and the end of
 * access when a household moves out.
 */
@Command(
        name = "enrol",
        mixinStandardHelpOptions = true,
        description = "Enrolment of households: one-time codes per dwelling, moving out (server stopped).",
        subcommands = {EnrolCommand.Codes.class, EnrolCommand.MoveOut.class})
public final class EnrolCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: codes or move-out");
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

    /** Which dwellings: some, or every one of the private store. */
    static final class Which {
        @Option(
                names = "--dwelling",
                paramLabel = "IRI",
                required = true,
                description = "A dwelling of the private store (repeatable).")
        List<String> dwellings;

        @Option(names = "--all", required = true, description = "Every dwelling of the private store.")
        boolean all;
    }

    @Command(
            name = "codes",
            mixinStandardHelpOptions = true,
            description = {
                "Generate a one-time enrolment code per dwelling and write them to an owner-only CSV file",
                "(dwelling,code,expires) for a mail merge. Only a hash of each code is kept in the private",
                "store; the file is the only copy of the codes: print the letters, then delete it.",
                "The server must be stopped."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Codes implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @ArgGroup(multiplicity = "1")
        Which which;

        @Option(
                names = "--out",
                paramLabel = "FILE",
                defaultValue = "enrolment-codes.csv",
                description = "The CSV file to write, which must not exist (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(
                names = "--valid-days",
                paramLabel = "N",
                defaultValue = "90",
                description = "Days a code stays valid (default: ${DEFAULT-VALUE}).")
        int validDays;

        @Option(
                names = "--moved-in",
                paramLabel = "YYYY-MM-DD",
                description = {
                    "The day the household moved in (local time): its access, and its data, start then.",
                    "Default: when the code is redeemed."
                })
        LocalDate movedIn;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            if (validDays < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--valid-days must be 1 or more, not " + validDays);
            }
            // the file first: nothing is generated for a file that cannot be written, and an earlier
            // batch is never overwritten
            try {
                OwnerOnly.createFile(out);
            } catch (FileAlreadyExistsException e) {
                throw new CliException(out + ": exists already (the codes of an earlier batch?): give another --out");
            } catch (NoSuchFileException e) {
                throw new CliException(out + ": no such directory");
            }
            boolean written = false;
            try {
                List<StoreEnrolments.Code> codes = withEnrolments(
                        options.data,
                        settings,
                        session -> session.enrolments()
                                .generate(
                                        which.all ? all(session.enrolments()) : which.dwellings,
                                        Duration.ofDays(validDays),
                                        movedIn == null
                                                ? null
                                                : movedIn.atStartOfDay(IngestParts.ZONE)
                                                        .toInstant()));
                try (BufferedWriter w =
                        Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                    w.write("dwelling,code,expires\n");
                    for (StoreEnrolments.Code c : codes) {
                        w.write(csv(c.dwelling()) + "," + c.code() + "," + c.expires() + "\n");
                    }
                }
                written = true;
                spec.commandLine()
                        .getOut()
                        .printf(
                                "wrote %d enrolment code(s) to %s (owner-only), valid until %s%n",
                                codes.size(), out, codes.get(0).expires());
                return 0;
            } finally {
                if (!written) {
                    Files.deleteIfExists(out);
                }
            }
        }

        private static List<String> all(StoreEnrolments enrolments) {
            List<String> all = enrolments.dwellings();
            if (all.isEmpty()) {
                throw new CliException(
                        "the private store has no dwelling: register the meters first (vivacite meters import)");
            }
            return all;
        }

        /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
        private static String csv(String field) {
            return field.matches("[^,\"\\r\\n]*") ? field : "\"" + field.replace("\"", "\"\"") + "\"";
        }
    }

    @Command(
            name = "move-out",
            mixinStandardHelpOptions = true,
            description = {
                "End the access of the household that lives in a dwelling: every enrolment in it that began",
                "before the date ends at the start of that day (local time). The server must be stopped."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class MoveOut implements Callable<Integer> {

        @CommandLine.Mixin
        DataOption options;

        @Option(names = "--dwelling", paramLabel = "IRI", required = true, description = "The dwelling.")
        String dwelling;

        @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true, description = "The move date.")
        LocalDate date;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            Instant at = date.atStartOfDay(IngestParts.ZONE).toInstant();
            StoreEnrolments.MoveOut ended = withEnrolments(
                    options.data,
                    settings,
                    session -> session.enrolments()
                            .moveOut(
                                    dwelling,
                                    at,
                                    session.consents(),
                                    session.receipts().get()));
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s: %d enrolment(s), the %d consent(s) their people gave and the meter registry's %d"
                                    + " ended at %s (a consent receipt issued to the person for each of theirs)%n",
                            dwelling,
                            ended.enrolments(),
                            ended.consents(),
                            ended.registryConsents(),
                            date.atStartOfDay(IngestParts.ZONE).toOffsetDateTime());
            return 0;
        }
    }

    /** The private store's enrolments and consents, and its consent receipts (their key made at first use). */
    private record Session(StoreEnrolments enrolments, Consents consents, Supplier<ConsentReceipts> receipts) {}

    /**
     * Runs {@code work} on the enrolments and consents of the private store, opened as the server would; refuses
     * while the server holds the store, and names the input an {@link EnrolmentException} names.
     */
    private static <T> T withEnrolments(Path data, List<String> settings, Function<Session, T> work) {
        StoreCommand.Target target = new StoreCommand.Target();
        target.role = StoreCommand.Target.Role.PRIVATE;
        target.data = data;
        target.settings = settings;
        QuadStore store;
        try {
            store = target.open();
        } catch (StoreLockedException e) {
            throw new CliException(e.getMessage() + " (enrolment commands run while the server is stopped)", e);
        }
        try (store) {
            Path root = data.toAbsolutePath().normalize();
            VivaciteProperties app = Settings.bind(root, settings, "vivacite", VivaciteProperties.class);
            String base = IngestSession.baseIri(store, app.baseIri());
            Clock clock = Clock.systemUTC();
            Consents consents = new Consents(
                    store, base, clock, new FinerData(store, QuantityRegistry.standard(), IngestParts.ZONE));
            Supplier<ConsentReceipts> receipts = () -> PersonalConfiguration.consentReceipts(
                    store,
                    base,
                    consents.graph(),
                    root,
                    Settings.bind(root, settings, "vivacite.portal.consent-receipts", ReceiptProperties.class),
                    OpenDataConfiguration.catalogSettings(
                            base, Settings.bind(root, settings, "vivacite.open-data", OpenDataProperties.class)));
            return work.apply(new Session(new StoreEnrolments(store, base, clock), consents, receipts));
        } catch (EnrolmentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
