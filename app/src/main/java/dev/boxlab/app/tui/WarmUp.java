package dev.boxlab.app.tui;

import java.io.IOException;
import java.util.List;

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
import dev.boxlab.sandbox.LabException;

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
            LessonScreen lesson = new LessonScreen(lessons.get(lessons.size() - 1), (l, i, b) -> {
                throw new LabException("warm-up: no lab");
            }, Work.inline(),
                    ProgressSource.session(), false, () -> { }, theme, glyphs);
            window.setComponent(lesson);
            lesson.open(0);
            gui.updateScreen();
        }
        screen.stopScreen();
    }
}
