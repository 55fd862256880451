package dev.boxlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.boxlab.app.session.KeyMap;
import dev.boxlab.app.session.KeyMap.Action;
import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.Progress;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.sandbox.CommandHook;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.Lab;
import sun.misc.Signal;

/**
 * The line mode on a real terminal: the learner's own terminal runs an interactive bash inside the
 * lab (job control, Ctrl-C, tab completion, {@code top}, {@code ip netns exec netns0 bash}, as in
 * the screen's terminal), and boxlab speaks between prompts. Each command the shell finishes is
 * reported by the lab's command hook; this shell waits (its {@code BOXLAB_REPLY}) while boxlab
 * prints what the command changed and the checks, then shows its next prompt, which starts with
 * the step ({@code [2/12 netns] lab-host#}). boxlab's words ({@code :hint}, {@code :next},
 * {@code :solve}, {@code :quit}...) are typed at the same prompt: bash finds no such command,
 * says nothing, and the hook hands the word to boxlab.
 */
final class PlainShell {
    private final PlainMode mode;
    private final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    private volatile boolean quit;
    private volatile boolean rebuilt;
    private volatile Process shell;

    PlainShell(PlainMode mode) {
        this.mode = mode;
    }

    /** Whether this can run here: a real terminal on both ends (else the jline conversation does). */
    static boolean usable() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    int run(Step start, Progress progress) throws IOException {
        PlainMode.Printer printer = mode.printer(out, "\n");
        try (LessonSession session = mode.open(printer, progress)) {
            out.println(mode.style().dim("starting a lab" + (mode.lesson().indexOf(start) > 0
                    ? " and building the steps before this one" : "") + "..."));
            session.goTo(mode.lesson().indexOf(start));
            mode.showStep(out, session);
            out.println(mode.style().dim("This is a real shell in the lab (exit or Ctrl-D ends the lesson); "
                    + ":help lists boxlab's words."));
            // the terminal belongs to the shell now: Ctrl-C is for the command running in it
            Signal.handle(new Signal("INT"), s -> { });
            while (!quit) {
                rebuilt = false;
                Lab lab = (Lab) session.lab();
                try (CommandHook hook = CommandHook.install(lab.initPid(), lab.transcript())) {
                    String wait = hook.openReplies();
                    hook.promptPrefix(mode.prompt(session).replace(" lab-host# ", ""));
                    hook.onCommand(e -> answer(e, hook, session, printer.live));
                    List<String> cmd = new ArrayList<>(lab.shellCommand(System.getenv().getOrDefault("TERM", "xterm")));
                    cmd.add(cmd.indexOf("bash"), wait);
                    shell = new ProcessBuilder(cmd).inheritIO().start();
                    shell.waitFor();
                    synchronized (this) {
                        // an answer under way (:back building the fresh lab) finishes first
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                if (!rebuilt) {
                    return 0; // exit, Ctrl-D or :quit
                }
            }
            return 0;
        }
    }

    /** On the hook's thread: what a command changed and the checks, or what a word asks; then the next prompt. */
    private synchronized void answer(CommandHook.Event e, CommandHook hook, LessonSession session, LiveState live) {
        try {
            if (e.command().startsWith(":") && e.waiting()) {
                word(e.command().substring(1).strip(), hook, session, live);
            } else {
                ran(e, session, live);
            }
        } catch (RuntimeException ex) {
            out.println("boxlab: " + (ex.getMessage() == null ? ex : ex.getMessage()));
        } finally {
            out.flush();
            if (e.waiting()) {
                hook.reply();
            }
        }
    }

    private void ran(CommandHook.Event e, LessonSession session, LiveState live) {
        CommandResult r = new CommandResult(e.command(), "", e.exitCode(), Duration.ZERO, false);
        int at = session.index();
        boolean wasDone = session.isDone(at);
        session.commandRan(e.command());
        live.commandStarted(e.command(), "you");
        live.commandFinished(r); // the printer says what it changed
        live.commandsEnded();
        mode.reportBroken(out, session);
        if (e.waiting()) {
            mode.reportChecks(out, session);
        } else if (!wasDone && session.check().stream().allMatch(CheckResult::passed)) {
            out.println(mode.style().green("\u2713 Step " + (at + 1) + " done: every check passes.") + " :next when you are ready.");
        }
    }

    private void word(String w, CommandHook hook, LessonSession session, LiveState live) {
        Optional<Action> a = KeyMap.word(KeyMap.Mode.LINE, w);
        if (a.isEmpty()) {
            out.println("unknown: :" + w + " (:help lists what boxlab understands)");
            return;
        }
        switch (a.get()) {
            case QUIT -> {
                quit = true;
                hangUp();
            }
            case PREVIOUS, REBUILD -> {
                if (session.index() > 0 || a.get() == Action.REBUILD) {
                    rebuilt = true; // a fresh lab: this shell goes with the old one, a new one starts
                }
                mode.act(a.get(), out, session, live);
            }
            default -> {
                mode.act(a.get(), out, session, live);
                hook.promptPrefix(mode.prompt(session).replace(" lab-host# ", ""));
            }
        }
    }

    /**
     * Ends the shell as a closed terminal would (an interactive bash ignores SIGTERM); what is still
     * there two seconds later is killed, the deepest first, so a quit always ends (nsenter, which
     * ignores SIGHUP, reaps the shell and ends by itself: see LabEntry).
     */
    private void hangUp() {
        Process p = shell;
        if (p == null) {
            return;
        }
        List<String> kill = new ArrayList<>(List.of("kill", "-HUP"));
        p.descendants().forEach(d -> kill.add(Long.toString(d.pid())));
        try {
            new ProcessBuilder(kill).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // the follow-up below ends them
        }
        Thread t = new Thread(() -> {
            try {
                if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    List<ProcessHandle> left = new ArrayList<>(p.descendants().toList());
                    java.util.Collections.reverse(left);
                    left.forEach(ProcessHandle::destroyForcibly);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plain-hang-up");
        t.setDaemon(true);
        t.start();
    }
}
