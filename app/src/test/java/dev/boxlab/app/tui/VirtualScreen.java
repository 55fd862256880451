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
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

/**
 * A screen on Lanterna's virtual terminal, driven as the real one is (keys in, the GUI draws), so
 * tests can read back what a person would see, character by character.
 */
final class VirtualScreen {
    final DefaultVirtualTerminal terminal;
    final MultiWindowTextGUI gui;
    final BasicWindow window = new BasicWindow();

    VirtualScreen(int columns, int rows) throws IOException {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        gui = new MultiWindowTextGUI(new SameTextGUIThread.Factory(), screen, new DefaultWindowManager(), null,
                new EmptySpace(TextColor.ANSI.DEFAULT));
        window.setHints(List.of(Window.Hint.FULL_SCREEN, Window.Hint.NO_DECORATIONS, Window.Hint.NO_POST_RENDERING));
        gui.addWindow(window);
    }

    void show(FullScreenView v) throws IOException {
        window.setComponent(v);
        v.takeFocus();
        draw();
    }

    void draw() throws IOException {
        gui.getGUIThread().processEventsAndUpdate();
        gui.updateScreen();
    }

    void press(KeyStroke k) throws IOException {
        terminal.addInput(k);
        gui.getGUIThread().processEventsAndUpdate();
        gui.updateScreen();
    }

    void press(KeyType t) throws IOException {
        press(new KeyStroke(t));
    }

    void press(char c) throws IOException {
        press(new KeyStroke(c, false, false));
    }

    void type(String s) throws IOException {
        for (char c : s.toCharArray()) {
            press(c);
        }
    }

    /** A command typed on the screen's command line (: to get there) and run (Enter). */
    void command(String line) throws IOException {
        press(':');
        type(line);
        press(KeyType.Enter);
    }

    void resize(int columns, int rows) throws IOException {
        terminal.setTerminalSize(new TerminalSize(columns, rows));
        draw();
        draw();
    }

    String line(int row) {
        StringBuilder sb = new StringBuilder();
        int w = terminal.getTerminalSize().getColumns();
        for (int x = 0; x < w; x++) {
            sb.append(terminal.getCharacter(x, row).getCharacterString());
        }
        return sb.toString();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < terminal.getTerminalSize().getRows(); y++) {
            sb.append(line(y).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The row on which {@code s} appears, or -1. */
    int rowOf(String s) {
        for (int y = 0; y < terminal.getTerminalSize().getRows(); y++) {
            if (line(y).contains(s)) {
                return y;
            }
        }
        return -1;
    }
}
