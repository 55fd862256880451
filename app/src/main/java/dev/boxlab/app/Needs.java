package dev.boxlab.app;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * What a command line needs from the machine, for the launcher ({@code BOXLAB_ASK_NEEDS=1}): a lab
 * (root and the lab's tools) or nothing. The launcher asks rather than parsing arguments itself,
 * so the two can never disagree about what a flag means.
 */
final class Needs {
    /** Exit codes: a lab is needed, or nothing is. */
    static final int LAB = 0;
    static final int NOTHING = 10;

    private Needs() {}

    static int of(String[] args, PrintWriter out) {
        boolean lab;
        try {
            ParseResult r = new CommandLine(new BoxlabCommand(out, out)).parseArgs(args);
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                lab = false;
            } else if (r.hasSubcommand()) {
                ParseResult sub = r.subcommand();
                lab = java.util.Set.of("shell", "serve").contains(sub.commandSpec().name()) && !sub.isUsageHelpRequested();
            } else {
                lab = !r.hasMatchedOption("--list") && !r.hasMatchedOption("--warm-up");
            }
        } catch (CommandLine.ParameterException e) {
            lab = false; // the real run says what is wrong with the arguments
        }
        out.println(lab ? "lab" : "nothing");
        out.flush();
        return lab ? LAB : NOTHING;
    }
}
