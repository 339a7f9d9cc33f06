package org.vivacite.app;

import org.vivacite.app.cli.VivaciteCommand;

/** The {@code vivacite} command: {@code java -jar app/target/vivacite.jar <command> [options]}. */
public final class Vivacite {

    private Vivacite() {}

    public static void main(String[] args) {
        System.exit(VivaciteCommand.commandLine().execute(args));
    }
}
