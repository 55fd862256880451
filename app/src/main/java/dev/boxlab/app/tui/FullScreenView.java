package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.gui2.AbstractInteractableComponent;
import com.googlecode.lanterna.gui2.InteractableRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * One screen that fills the terminal and draws itself: the picker or the lesson. Lanterna's window
 * gives it every key (returning HANDLED keeps Tab and arrows from moving focus) and redraws it when
 * it is invalidated or the terminal is resized.
 */
abstract class FullScreenView extends AbstractInteractableComponent<FullScreenView> {
    protected final Theme theme;
    protected final Glyphs glyphs;
    protected final Paint paint;

    FullScreenView(Theme theme, Glyphs glyphs) {
        this.theme = theme;
        this.glyphs = glyphs;
        this.paint = new Paint(theme, glyphs);
    }

    private Runnable onFirstDraw;

    /** Runs once, after the first frame is drawn (startup measurements). */
    void onFirstDraw(Runnable r) {
        onFirstDraw = r;
    }

    /** Draws the whole screen at this size. */
    abstract void draw(TextGraphics g, TerminalSize size);

    /** Handles one key; the screen is redrawn after. */
    abstract void key(KeyStroke key);

    /** Where the text cursor is, or null to hide it. */
    TerminalPosition cursor() {
        return null;
    }

    @Override
    protected Result handleKeyStroke(KeyStroke keyStroke) {
        key(keyStroke);
        invalidate();
        return Result.HANDLED;
    }

    @Override
    public TerminalPosition getCursorLocation() {
        return cursor();
    }

    @Override
    protected InteractableRenderer<FullScreenView> createDefaultRenderer() {
        return new InteractableRenderer<>() {
            @Override
            public TerminalPosition getCursorLocation(FullScreenView component) {
                return component.cursor();
            }

            @Override
            public TerminalSize getPreferredSize(FullScreenView component) {
                return new TerminalSize(80, 24);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, FullScreenView component) {
                component.draw(graphics, graphics.getSize());
                Runnable r = component.onFirstDraw;
                if (r != null) {
                    component.onFirstDraw = null;
                    r.run();
                }
            }
        };
    }

    // drawing helpers shared by the screens, on their Paint

    void clear(TextGraphics g, TerminalSize size) {
        paint.clear(g, size);
    }

    void keyBar(TextGraphics g, int y, int w, Row lead, String[][] keys) {
        paint.keyBar(g, y, w, lead, keys);
    }

    void fill(TextGraphics g, int x, int y, int w, Tone tone) {
        paint.fill(g, x, y, w, tone);
    }

    int put(TextGraphics g, int x, int y, Row row, int w) {
        return paint.put(g, x, y, row, w);
    }

    void hline(TextGraphics g, int x, int y, int w, Tone tone) {
        paint.hline(g, x, y, w, tone);
    }

    void overlay(TextGraphics g, TerminalSize size, String title, java.util.List<Row> rows) {
        paint.overlay(g, size, title, rows);
    }
}
