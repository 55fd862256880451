package dev.boxlab.app.tui;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.DefaultWindowManager;
import com.googlecode.lanterna.gui2.EmptySpace;
import com.googlecode.lanterna.gui2.MultiWindowTextGUI;
import com.googlecode.lanterna.gui2.SameTextGUIThread;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.LessonRunner;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.sandbox.CommandResult;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.LabState.CgroupState;
import dev.boxlab.sandbox.LabState.MountEntry;
import dev.boxlab.sandbox.LabState.ProcessInfo;
import dev.boxlab.sandbox.Snapshot;

/**
 * Draws the picker and a lesson screen once on a virtual terminal, touching no lab. The build runs
 * it under {@code -XX:ArchiveClassesAtExit}, so the AppCDS archive holds the classes a real first
 * frame needs and the screen comes up sooner.
 */
public final class WarmUp {
    private WarmUp() {}

    public static void run(List<Lesson> lessons) throws IOException {
        DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(100, 30));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        MultiWindowTextGUI gui = new MultiWindowTextGUI(new SameTextGUIThread.Factory(), screen, new DefaultWindowManager(),
                null, new EmptySpace(TextColor.ANSI.DEFAULT));
        BasicWindow window = new BasicWindow();
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        gui.addWindow(window);
        Theme theme = Theme.fromEnvironment();
        Glyphs glyphs = Glyphs.fromEnvironment();
        PickerScreen picker = new PickerScreen(lessons, ProgressSource.session(), l -> { }, () -> { }, theme, glyphs);
        window.setComponent(picker);
        gui.updateScreen();
        if (!lessons.isEmpty()) {
            LessonScreen lesson = new LessonScreen(lessons.get(lessons.size() - 1), new NoLab(), Work.inline(),
                    ProgressSource.session(), false, () -> { }, theme, glyphs);
            window.setComponent(lesson);
            lesson.open(0);
            gui.updateScreen();
        }
        screen.stopScreen();
    }

    /** A lab that is never there: the lesson screen draws its "no lab" state. */
    private static final class NoLab implements LabAccess {
        @Override
        public void rebuild(Lesson lesson, int index, LessonRunner.Listener listener) {
            throw new LabException("warm-up: no lab");
        }

        @Override
        public CommandResult run(String command, String source, Consumer<String> onOutput) {
            throw new LabException("warm-up: no lab");
        }

        @Override
        public CheckResult checkOnce(Check check) {
            throw new LabException("warm-up: no lab");
        }

        @Override
        public Snapshot snapshot() {
            throw new LabException("warm-up: no lab");
        }

        @Override
        public List<MountEntry> mounts(Integer pidInLab) {
            return List.of();
        }

        @Override
        public CgroupState cgroups() {
            throw new LabException("warm-up: no lab");
        }

        @Override
        public List<ProcessInfo> processes() {
            return List.of();
        }

        @Override
        public List<dev.boxlab.sandbox.Layers.Stack> layers() {
            return List.of();
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void close() {
            // nothing to end
        }
    }
}
