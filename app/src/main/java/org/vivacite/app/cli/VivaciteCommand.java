package org.vivacite.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; each feature adds a subcommand. */
@Command(
        name = "vivacite",
        mixinStandardHelpOptions = true,
        versionProvider = VivaciteCommand.Version.class,
        description = "VivaCité open platform: a city's energy and water readings as anonymised linked open data.",
        subcommands = {
            ServeCommand.class,
            DecodeCommand.class,
            SimulateCommand.class,
            StoreCommand.class,
            MetersCommand.class,
            AccountsCommand.class,
            PublishCommand.class,
            TerritoryCommand.class,
            DeadletterCommand.class,
            EnrolCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Run 'vivacite help <command>' for the options of a command."})
public final class VivaciteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command line with its error handling: one line on stderr and a non-zero exit code. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VivaciteCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            String help = ex.getCommandLine().getCommandSpec().qualifiedName() + " --help";
            ex.getCommandLine().getErr().println(oneLine("vivacite: " + ex.getMessage() + " (see '" + help + "')"));
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(oneLine("vivacite: " + message(ex)));
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The first message written by the platform itself (it names the input), else the root cause's. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.vivacite.") && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The version recorded at build time in META-INF/build-info.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream in = getClass().getResourceAsStream("/META-INF/build-info.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            return new String[] {"vivacite " + build.getProperty("build.version", "(development build)")};
        }
    }
}
