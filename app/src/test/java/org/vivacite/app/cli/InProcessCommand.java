package org.vivacite.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** For command tests: runs a command in this JVM and keeps what it printed, afresh for each run. */
abstract class InProcessCommand {

    protected StringWriter out;
    protected StringWriter err;

    protected int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = VivaciteCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }
}
