package dev.boxlab.app.tui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.AsynchronousTextGUIThread;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.TextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.screen.TerminalScreen;

import dev.boxlab.app.session.Progress;
import dev.boxlab.lessons.Lesson;

/**
 * The terminal UI: the lesson picker and the lesson screen on one full-screen Lanterna window.
 *
 * <p>The first frame is drawn before any lab exists (the lab starts in the background) and without
 * asking the terminal anything it might not answer. Every way out (q, Ctrl-C, EOF on the terminal,
 * SIGHUP, SIGTERM) ends the lab and gives the terminal back as it was: cooked mode, cursor visible.
 */
public final class Tui {
    /** How often the state pane and the checks are refreshed while the learner works. */
    static final Duration REFRESH = Duration.ofMillis(1500);

    private final List<Lesson> lessons;
    private final ProgressSource progress;
    private final boolean challenge;
    private dev.boxlab.lessons.LabSupply labs = dev.boxlab.app.session.KernelLabs.supply();
    private final Theme theme = Theme.fromEnvironment();
    private final Glyphs glyphs = Glyphs.fromEnvironment();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TerminalScreen screen;
    private MultiWindowTextGUI gui;
    private BasicWindow window;
    private volatile LessonScreen lessonScreen;
    private volatile dev.boxlab.app.terminal.LabTerminal terminal;
    /** The last lesson's session: its lab ends when boxlab does, even after going back to the list. */
    private volatile dev.boxlab.lessons.LessonSession session;
    private ThreadWork work;

    private Tui(List<Lesson> lessons, java.util.function.Supplier<Progress> progress, boolean challenge) {
        this.lessons = lessons;
        // while the screen owns the terminal nothing may print: a failed save is told once it is given back
        this.progress = progress == null ? ProgressSource.session() : ProgressSource.loading(() -> {
            Progress p = progress.get();
            p.onProblem(problems::add);
            return p;
        }, this::redraw);
        this.challenge = challenge;
    }

    /** Something arrived from another thread that the screen shows (the saved progress). */
    private void redraw() {
        MultiWindowTextGUI g = gui;
        BasicWindow w = window;
        if (g != null && w != null) {
            invokeLater(() -> {
                if (w.getComponent() != null) {
                    w.getComponent().invalidate();
                }
            });
        }
    }

    /**
     * Opens the screen: the picker when {@code lesson} is null, else that lesson at {@code start}
     * (its earlier steps built in a fresh lab). Returns the exit code when the learner leaves.
     */
    public static int run(List<Lesson> lessons, Lesson lesson, Lesson.Step start,
                          java.util.function.Supplier<Progress> progress, boolean challenge) throws IOException {
        return run(lessons, lesson, start, progress, challenge, null, null);
    }

    /**
     * As above; with {@code demo} (a typing speed) the instructor's demo mode, and with {@code record}
     * an asciicast recording of everything the screen draws.
     */
    public static int run(List<Lesson> lessons, Lesson lesson, Lesson.Step start,
                          java.util.function.Supplier<Progress> progress, boolean challenge, Double demo,
                          java.nio.file.Path record) throws IOException {
        Tui tui = new Tui(lessons, progress, challenge);
        tui.demo = demo;
        tui.record = record;
        return tui.run(lesson, start == null || lesson == null ? 0 : lesson.indexOf(start));
    }

    /**
     * The screen on a terminal boxlab does not own (an attendee's SSH channel, for {@code boxlab serve}):
     * the picker, or {@code lesson} at {@code start} with the picker behind it. Returns when the
     * attendee quits or the terminal closes, with the lab ended; the caller closes the terminal.
     */
    public static int runOn(com.googlecode.lanterna.terminal.Terminal terminal, List<Lesson> lessons, Lesson lesson,
                            Lesson.Step start, java.util.function.Supplier<Progress> progress,
                            dev.boxlab.lessons.LabSupply labs, Seat seat) throws IOException {
        Tui tui = new Tui(lessons, progress, false);
        tui.given = terminal;
        tui.labs = labs;
        tui.onSession = seat::opened;
        seat.control(new Seat.Control() {
            @Override
            public void gui(java.util.function.Consumer<com.googlecode.lanterna.gui2.WindowBasedTextGUI> r) {
                tui.invokeLater(() -> r.accept(tui.gui));
            }

            @Override
            public void open(Lesson l, int index) {
                tui.invokeLater(() -> {
                    tui.leaveLesson();
                    tui.openLesson(l, index, true);
                });
            }
        });
        return tui.run(lesson, start == null || lesson == null ? 0 : lesson.indexOf(start));
    }

    /** A terminal given by the caller (serve): quitting goes back to the picker, never out of boxlab's process. */
    private com.googlecode.lanterna.terminal.Terminal given;
    /** Told each lesson session the screen opens (serve's class view reads its step and checks). */
    private java.util.function.Consumer<dev.boxlab.lessons.LessonSession> onSession = s -> { };
    private Double demo;
    private java.nio.file.Path record;
    private dev.boxlab.app.session.Recorder recorder;

    private final StringBuilder marks = new StringBuilder();

    /** With BOXLAB_TIMING=FILE, how long after the JVM started each stage of startup ended. */
    private void mark(String what) {
        if (System.getenv("BOXLAB_TIMING") != null) {
            // the JVM's own start time: /proc's process start time is only as exact as the boot time (1 s)
            long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            synchronized (marks) {
                marks.append(what).append(' ').append(ms).append('\n');
            }
        }
    }

    private int run(Lesson lesson, int startIndex) throws IOException {
        mark("tui-start-ms");
        Thread hook = new Thread(this::stop, "boxlab-tui-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            com.googlecode.lanterna.terminal.Terminal terminal;
            if (given != null) {
                terminal = given;
            } else if (record != null) {
                com.googlecode.lanterna.TerminalSize size = FastTerminal.sttySize();
                recorder = new dev.boxlab.app.session.Recorder(record, size == null ? 80 : size.getColumns(),
                        size == null ? 24 : size.getRows(), "boxlab", false);
                terminal = new FastTerminal(recorder.tee(System.out));
            } else {
                terminal = new FastTerminal();
            }
            mark("terminal-ms");
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            mark("screen-ms");
            screen.setCursorPosition(null);
            gui = new MultiWindowTextGUI(new CalmGuiThread.Factory(), screen,
                    new com.googlecode.lanterna.gui2.DefaultWindowManager(), null, new EmptySpace(TextColor.ANSI.DEFAULT));
            window = new BasicWindow("boxlab");
            window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
            work = new ThreadWork(gui.getGUIThread());
            gui.addWindow(window);
            AsynchronousTextGUIThread thread = (AsynchronousTextGUIThread) gui.getGUIThread();
            thread.setExceptionHandler(new TextGUIThread.ExceptionHandler() {
                @Override
                public boolean onIOException(IOException e) {
                    return fail(e);
                }

                @Override
                public boolean onRuntimeException(RuntimeException e) {
                    return fail(e);
                }
            });
            thread.start();
            invokeLater(() -> {
                if (lesson == null) {
                    showPicker();
                } else {
                    openLesson(lesson, startIndex, given != null);
                }
            });
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("boxlab-refresh"));
            timer.scheduleWithFixedDelay(() -> {
                LessonScreen s = lessonScreen;
                if (s != null) {
                    invokeLater(s::tick);
                }
            }, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
            try {
                // Lanterna ends its GUI thread quietly when the terminal's input ends (EOF: a dropped SSH
                // connection, a closed stdin): that is a way out too
                while (!done.await(200, TimeUnit.MILLISECONDS)
                        && thread.getState() != AsynchronousTextGUIThread.State.STOPPED) {
                    // polled: the latch, or the GUI thread having stopped
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer.shutdownNow();
            thread.stop();
        } finally {
            stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs stop() again, which is harmless
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(t);
        }
        return 0;
    }

    private boolean fail(Throwable e) {
        failure.compareAndSet(null, e);
        done.countDown();
        return true;
    }

    private void invokeLater(Runnable r) {
        if (gui == null) {
            return; // not up yet
        }
        try {
            gui.getGUIThread().invokeLater(r);
        } catch (IllegalStateException e) {
            // the GUI thread has stopped: we are on our way out
        }
    }

    private void showPicker() {
        lessonScreen = null;
        onSession.accept(null);
        PickerScreen picker = new PickerScreen(lessons, progress, l -> openLesson(l, startOf(l), true), done::countDown,
                theme, glyphs);
        firstFrame(picker);
        window.setComponent(picker);
        picker.takeFocus();
    }

    /** Where a lesson opens from the picker: the first step not done, or the step the learner was on. */
    private int startOf(Lesson l) {
        String cur = progress.current(l);
        if (cur != null) {
            return l.step(cur).map(l::indexOf).orElse(0);
        }
        return 0;
    }

    private void openLesson(Lesson lesson, int index, boolean fromPicker) {
        LessonScreen.Exit exit = new LessonScreen.Exit() {
            @Override
            public void quit() {
                done.countDown();
            }

            @Override
            public Runnable backToPicker() {
                return fromPicker ? () -> {
                    leaveLesson();
                    showPicker();
                } : null;
            }
        };
        LessonScreen s = new LessonScreen(lesson, labs, work, progress, challenge, exit, theme, glyphs);
        closeTerminal();
        terminal = dev.boxlab.app.terminal.LabTerminal.waiting(80, 10, theme.hasColor());
        s.terminal(terminal); // the learner's shell, in whichever lab the session has
        if (demo != null) {
            s.demo(new dev.boxlab.app.session.Typist(demo));
        }
        firstFrame(s);
        window.setComponent(s);
        s.takeFocus();
        lessonScreen = s;
        session = s.session();
        onSession.accept(session);
        s.open(index);
    }

    /** The open lesson's shell, commands and lab end (the lab in the background). */
    private void leaveLesson() {
        closeTerminal();
        work.interruptLab();
        dev.boxlab.lessons.LessonSession open = session;
        if (open != null) {
            work.lab(open::close);
        }
    }

    private void firstFrame(FullScreenView v) {
        String file = System.getenv("BOXLAB_TIMING");
        if (file == null || file.isEmpty()) {
            return;
        }
        v.onFirstDraw(() -> {
            mark("first-frame-ms");
            // the wall clock too, so a bench can measure from the launcher's start
            synchronized (marks) {
                marks.append("first-frame-at ").append(System.currentTimeMillis()).append('\n');
            }
            try {
                Files.writeString(Path.of(file), marks.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // timing is for measurements only
            }
        });
    }

    /** Ends the lab and restores the terminal; safe to call twice and from the shutdown hook. */
    private void closeTerminal() {
        dev.boxlab.app.terminal.LabTerminal t = terminal;
        terminal = null;
        if (t != null) {
            t.close();
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (work != null) {
            work.shutdown();
        }
        // the learner's terminal first: theirs again while the shell and the lab end; the GUI thread
        // stopped before, so no frame (which hides the cursor) lands on the restored terminal
        MultiWindowTextGUI g = gui;
        if (g != null && g.getGUIThread() instanceof AsynchronousTextGUIThread t && Thread.currentThread() != t.getThread()) {
            t.stop();
            try {
                t.waitForStop(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TerminalScreen s = screen;
        if (s != null) {
            try {
                s.getTerminal().setCursorVisible(true);
                s.stopScreen();
                s.getTerminal().close();
            } catch (IOException | RuntimeException e) {
                // the terminal is gone (SIGHUP): nothing to restore on it
            }
        }
        closeTerminal(); // the shell is hung up before its lab ends, as a closed window would
        dev.boxlab.lessons.LessonSession open = session;
        if (open != null) {
            open.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        progress.flush();
        problems.stream().distinct().forEach(System.err::println);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
