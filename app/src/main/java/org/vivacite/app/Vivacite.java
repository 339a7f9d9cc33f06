package org.vivacite.app;

import org.vivacite.app.cli.CliLogging;
import org.vivacite.app.cli.VivaciteCommand;

/** The {@code vivacite} command: {@code java -jar app/target/vivacite.jar <command> [options]}. */
public final class Vivacite {

    private Vivacite() {}

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            CliLogging.toStandardError(); // standard output is the command's own (decode prints JSON lines)
        }
        System.exit(VivaciteCommand.commandLine().execute(args));
    }
}
