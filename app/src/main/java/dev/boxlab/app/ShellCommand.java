package dev.boxlab.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import java.util.concurrent.Callable;

import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.RunningLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/** {@code boxlab shell}: a shell inside the running lab, for a second terminal. */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"Open a shell inside a running lab, from a second terminal: what you type there counts for the "
                + "lesson's checks as if typed in boxlab itself.",
                "With one lab running it is found by itself; with several, you are asked (or give --lab)."})
final class ShellCommand implements Callable<Integer> {
    @Option(names = "--lab", paramLabel = "ID", description = "The lab to enter (its id, or the start of it).")
    String labId;

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", description = "Run this command in the lab and exit.")
    String command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Host.requireRoot();
        RunningLab lab = choose(RunningLab.find());
        var err = spec.commandLine().getErr();
        if (command == null) {
            err.println("boxlab: entering lab " + lab.id() + " (started " + lab.age() + " ago). Leave with exit or Ctrl-D.");
            err.flush();
        }
        // The shell owns the terminal now: Ctrl-C is for the command running in it, not for us.
        Signal.handle(new Signal("INT"), s -> { });
        Process p = new ProcessBuilder(lab.shellCommand(command)).inheritIO().start();
        return p.waitFor();
    }

    private RunningLab choose(List<RunningLab> labs) throws IOException {
        if (labs.isEmpty()) {
            throw new LabException("no lab is running. Start one in another terminal, e.g. sudo boxlab --lesson networking");
        }
        if (labId != null) {
            List<RunningLab> match = labs.stream().filter(l -> l.id().startsWith(labId)).toList();
            if (match.size() == 1) {
                return match.get(0);
            }
            throw new Errors.UsageProblem((match.isEmpty() ? "no running lab '" : "more than one lab starts with '") + labId
                    + "'; running labs: " + describe(labs));
        }
        if (labs.size() == 1) {
            return labs.get(0);
        }
        if (System.console() == null || command != null) {
            throw new Errors.UsageProblem(labs.size() + " labs are running; choose one with --lab ID: " + describe(labs));
        }
        var err = spec.commandLine().getErr();
        err.println(labs.size() + " labs are running:");
        for (int i = 0; i < labs.size(); i++) {
            err.printf("  %d) %s  started %s ago%n", i + 1, labs.get(i).id(), labs.get(i).age());
        }
        err.print("which one? [1-" + labs.size() + "] ");
        err.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
        try {
            int n = Integer.parseInt(answer == null ? "" : answer.strip());
            if (n >= 1 && n <= labs.size()) {
                return labs.get(n - 1);
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new Errors.UsageProblem("no lab chosen");
    }

    private static String describe(List<RunningLab> labs) {
        return String.join(", ", labs.stream().map(l -> l.id() + " (started " + l.age() + " ago)").toList());
    }
}
