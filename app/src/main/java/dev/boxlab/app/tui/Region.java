package dev.boxlab.app.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.gui2.AbstractComponent;
import com.googlecode.lanterna.gui2.ComponentRenderer;
import com.googlecode.lanterna.gui2.TextGUIGraphics;

/**
 * One region of the lesson screen (the title, the step, the state, the transcript, the command
 * slot, the key bar) as a Lanterna component: its renderer hands the component the graphics of its
 * own rectangle, and {@link LessonScreen} places it. Keys reach the screen, which says which region
 * has focus.
 */
abstract class Region<T extends Region<T>> extends AbstractComponent<T> {
    private boolean focused;
    private TerminalPosition cursorAt;

    /** Every region is drawn the same way: its own {@link #render} into its own rectangle. */
    @Override
    protected final ComponentRenderer<T> createDefaultRenderer() {
        return new ComponentRenderer<T>() {
            @Override
            public TerminalSize getPreferredSize(T component) {
                return new TerminalSize(20, 1);
            }

            @Override
            public void drawComponent(TextGUIGraphics graphics, T component) {
                TerminalSize size = graphics.getSize();
                component.render(graphics, size.getColumns(), size.getRows(), component.focused());
            }
        };
    }

    boolean focused() {
        return focused;
    }

    /** Where the region's last drawing put the cursor, on the screen, or null when it shows none. */
    public TerminalPosition cursor() {
        TerminalPosition at = cursorAt;
        return at == null ? null : at.withRelative(getPosition());
    }

    /** Puts the cursor at {@code at} of the region's own rectangle (null: no cursor), as {@link #render} draws. */
    void cursorAt(TerminalPosition at) {
        cursorAt = at;
    }

    /** Draws the region into its rectangle of {@code g}, which starts at (0, 0). */
    abstract void render(TextGraphics g, int w, int h, boolean focused);

    /** Places the region at (x, y) with size w x h on the screen's graphics and draws it. */
    void place(TextGraphics screen, int x, int y, int w, int h, boolean focus) {
        if (w <= 0 || h <= 0) {
            return;
        }
        focused = focus;
        setPosition(new TerminalPosition(x, y));
        TerminalPosition at = new TerminalPosition(x, y);
        TerminalSize size = new TerminalSize(w, h);
        if (screen instanceof TextGUIGraphics gui) {
            draw(gui.newTextGraphics(at, size));
        } else {
            render(screen.newTextGraphics(at, size), w, h, focus);
        }
    }
}
