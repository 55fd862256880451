package dev.boxlab.app;

import java.io.PrintWriter;

import picocli.CommandLine;

/** The entry point: picocli parses, each command does its work, and known problems become one clear message. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if ("1".equals(System.getenv("BOXLAB_ASK_NEEDS"))) {
            return Needs.of(args, out);
        }
        // picocli's model of every command and option costs a start ~150 ms: a lone --version,
        // which needs none of it, prints what picocli would
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(BoxlabCommand.VERSION);
            out.flush();
            return 0;
        }
        BoxlabCommand quick = QuickArgs.parse(args, out, err);
        if (quick != null) {
            try {
                return quick.call();
            } catch (Exception e) {
                return Errors.report(e, err);
            }
        }
        CommandLine cl = new CommandLine(new BoxlabCommand(out, err));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Errors(err));
        cl.setParameterExceptionHandler((e, args2) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("boxlab: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            c.getErr().println("(see " + c.getCommandSpec().qualifiedName() + " --help)");
            c.getErr().flush();
            return Errors.BAD_INPUT;
        });
        return cl.execute(args);
    }
}
