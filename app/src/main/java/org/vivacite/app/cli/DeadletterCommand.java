package org.vivacite.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.vivacite.app.ingest.IngestParts;
import org.vivacite.app.ingest.IngestViews;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.DeadLetterStore;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.portal.rights.AccessLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vivacite deadletter …}: the inputs that were not written ({@code {data}/deadletter/}). */
@Command(
        name = "deadletter",
        mixinStandardHelpOptions = true,
        description = "Inputs that were not written: list them, show one, replay them (server stopped).",
        subcommands = {DeadletterCommand.ListLetters.class, DeadletterCommand.Show.class, DeadletterCommand.Replay.class
        })
public final class DeadletterCommand implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, show or replay");
    }

    /** The data directory, and the letters' store in it (which must exist). */
    static final class DataOption {
        @Option(
                names = "--data",
                paramLabel = "DIR",
                defaultValue = "${env:VIVACITE_DATA:-./data}",
                description = "The server's data directory (default: ${DEFAULT-VALUE}).")
        Path data;

        DeadLetterStore letters() {
            Path root = data.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new CliException("data directory '" + root + "' does not exist");
            }
            return IngestParts.deadLetters(root);
        }
    }

    /** {@code --reason R}: the letters with an input of that reason waiting; an unknown one names the valid ones. */
    static Predicate<DeadLetter> ofReason(String reason) {
        Reason r = reason(reason);
        return r == null ? l -> true : l -> l.waits(r);
    }

    /** The reason named, or null for none. */
    static Reason reason(String reason) {
        if (reason == null) {
            return null;
        }
        try {
            return Reason.of(reason);
        } catch (IllegalArgumentException e) {
            throw new CliException("--reason: " + e.getMessage(), e);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "One line per waiting letter (the rejected inputs of one payload), tab-separated: id, rejected at,",
                "source, format, gateway, reason (with the count of inputs per reason when it holds several),",
                "detail of its first input waiting. Never the payload (see 'deadletter show')."
            })
    static final class ListLetters implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options;

        @Option(names = "--reason", paramLabel = "R", description = "Only the letters of this reason.")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Predicate<DeadLetter> filter = ofReason(reason);
            options.letters()
                    .letters(filter)
                    .forEach(l -> spec.commandLine()
                            .getOut()
                            .println(String.join(
                                    "\t",
                                    l.id(),
                                    l.rejectedAt().toString(),
                                    field(l.envelope().source()),
                                    l.envelope().formatName(),
                                    field(l.envelope().gateway()),
                                    IngestViews.reasons(l),
                                    field(l.detail()))));
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static String field(String s) {
            return s == null || s.isEmpty() ? "-" : s.replaceAll("[\\t\\r\\n]+", " ");
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "One letter as JSON: all its metadata and its payload (payloadText if printable, else payloadHex).",
                "A letter naming a household's meter is personal data: the read is first recorded in the",
                "household's access log (who, when, why; docs/rights.md), which needs --why and the server stopped."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options;

        @Parameters(paramLabel = "ID", description = "The letter's id, as 'deadletter list' prints it.")
        String id;

        @Option(
                names = "--why",
                paramLabel = "TEXT",
                description = "Why you read it (the incident or request handled): the households see it.")
        String why;

        @Option(
                names = "--operator",
                paramLabel = "NAME",
                defaultValue = "${sys:user.name}",
                description = "Who reads it, as the access log records it (default: ${DEFAULT-VALUE}).")
        String operator;

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            DeadLetterStore store = options.letters();
            DeadLetter letter = store.get(id)
                    .orElseThrow(() -> new CliException("no dead letter '" + id + "' waiting in " + store.directory()));
            if (IngestSession.privateStoreExists(options.data, settings)) {
                try (IngestSession session = IngestSession.open(
                        options.data, settings, false, "stop it to read a household's dead letter")) {
                    Set<String> dwellings = session.pipeline.letterMeters().dwellings(letter);
                    if (!dwellings.isEmpty()) {
                        if (why == null || why.isBlank()) {
                            throw new CliException(
                                    "--why: dead letter " + id + " names the meters of " + dwellings.size()
                                            + " household(s); say why you read it (it goes to their access log)");
                        }
                        new AccessLog(session.store, session.base, Clock.systemUTC())
                                .record(
                                        new AccessLog.Reader(operator, "operator"),
                                        dwellings,
                                        "dead letter " + id,
                                        why);
                    }
                }
            }
            spec.commandLine().getOut().println(JSON.writeValueAsString(IngestViews.withPayload(letter)));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "Send the inputs of waiting letters through the pipeline again (all, those of --reason, or the",
                "letters of the IDs given); a letter all of whose inputs went through is moved to",
                "deadletter/replayed/. The server must be stopped."
            },
            footer = {"", "Settings can follow as --<key>=<value> (docs/configuration.md)."})
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        DataOption options;

        @Option(names = "--reason", paramLabel = "R", description = "Only the letters of this reason.")
        String reason;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Only these letters.")
        List<String> ids = new ArrayList<>();

        @CommandLine.Unmatched
        List<String> settings = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServeCommand.checkSettings(spec, settings, Map.of("vivacite.data", "--data"));
            Predicate<DeadLetter> filter = ofReason(reason);
            DeadLetterStore letters = options.letters();
            Set<String> wanted = new LinkedHashSet<>(ids);
            List<String> missing =
                    wanted.stream().filter(i -> letters.get(i).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw new CliException(
                        "no dead letter " + String.join(", ", missing) + " waiting in " + letters.directory());
            }
            Predicate<DeadLetter> chosen = wanted.isEmpty() ? filter : filter.and(l -> wanted.contains(l.id()));
            IngestPipeline.Replay r;
            try (IngestSession session =
                    IngestSession.open(options.data, settings, true, "POST /admin/deadletter/replay?reason=…")) {
                Reason only = reason(reason);
                r = session.pipeline.replay(chosen, u -> only == null || u == only);
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "replayed %d input(s) of %d dead letter(s): %d written (resolved), %d rejected again"
                                    + " (failed, still waiting)%n",
                            r.tried(), r.letters(), r.resolved(), r.failed());
            return 0;
        }
    }
}
