package dev.boxlab.app.terminal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.boxlab.sandbox.CommandHook;
import dev.boxlab.sandbox.Lab;

/**
 * The learner's terminal across the labs of a lesson: the pane, the shell in the current lab, and
 * that lab's command hook. A fresh lab (a step back, a restart) gets a fresh shell in the same
 * pane; commands finished in any shell of the current lab reach {@link #onCommand} listeners.
 */
public final class LabTerminal implements AutoCloseable {
    private final TerminalPane pane;
    private final List<Consumer<CommandHook.Event>> listeners = new CopyOnWriteArrayList<>();
    private TerminalSession session;
    private CommandHook hook;
    private Lab lab;

    private LabTerminal(TerminalSession first, boolean colour) {
        this.session = first;
        this.pane = new TerminalPane(first, colour);
    }

    /** A terminal with nothing behind it yet (until {@link #enter}); what is typed goes nowhere. */
    public static LabTerminal waiting(int cols, int rows, boolean colour) {
        TerminalSession s = TerminalSession.offline(cols, rows, b -> { });
        s.feed("\033[2mthe lab is starting…\033[0m\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new LabTerminal(s, colour);
    }

    /** A terminal on {@code session} (an offline one in screen tests); {@link #enter} replaces it with a lab's shell. */
    public static LabTerminal of(TerminalSession session, boolean colour) {
        return new LabTerminal(session, colour);
    }

    /** A command finished in a shell of the lab: the hook says so (and tests, in its place). */
    public void deliver(CommandHook.Event e) {
        listeners.forEach(l -> l.accept(e));
    }

    public TerminalPane pane() {
        return pane;
    }

    public TerminalSession session() {
        return session;
    }

    /** Told (on the hook's thread) of every command finished in a shell of the current lab. */
    public void onCommand(Consumer<CommandHook.Event> l) {
        listeners.add(l);
    }

    /**
     * Opens a shell in {@code next} (installing its command hook) and shows it; the previous
     * lab's shell and hook are closed. Does nothing if {@code next} is the current lab.
     */
    public synchronized void enter(Lab next) {
        if (next == lab) {
            return;
        }
        CommandHook newHook = CommandHook.install(next.initPid(), next.transcript());
        newHook.onCommand(this::deliver);
        VtScreen shown = session.screen();
        TerminalSession newSession = TerminalSession.start(next.shellCommand(TerminalSession.TERM),
                shown.columns(), shown.rows()).whileAlive(next::isAlive);
        TerminalSession old = session;
        CommandHook oldHook = hook;
        session = newSession;
        hook = newHook;
        lab = next;
        pane.attach(newSession); // keys go to the new shell from now on (held until its first prompt)
        old.close();
        if (oldHook != null) {
            oldHook.close();
        }
        // the shell joins the lab's cgroup, as the lab's own shells do (what it starts follows it)
        newSession.awaitPrompt(3000);
        ProcessHandle.of(newSession.pid()).ifPresent(p -> {
            next.adopt(p.pid());
            p.descendants().forEach(d -> next.adopt(d.pid()));
        });
    }

    @Override
    public synchronized void close() {
        session.close();
        if (hook != null) {
            hook.close();
        }
    }
}
