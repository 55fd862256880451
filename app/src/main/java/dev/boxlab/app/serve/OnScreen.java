package dev.boxlab.app.serve;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Button;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.gui2.dialogs.MessageDialogBuilder;

import dev.boxlab.app.tui.Seat.Control;

/** What the instructor puts over an attendee's screen: a message, a question, the mark of being watched. */
final class OnScreen {
    /** Over the screen's top left corner (the " boxlab " mark), where it hides nothing the attendee needs. */
    static final String WATCHED = " WATCHED";

    private OnScreen() {
    }

    /** A message over the screen until the attendee closes it (Enter). */
    static void say(Control screen, String text) {
        screen.gui(g -> g.addWindow(new MessageDialogBuilder().setTitle(" from the instructor ").setText(text).build()));
    }

    /** A question the attendee answers on their screen, Allow (first, Enter) or Refuse; told once. */
    static void ask(Control screen, String question, Consumer<Boolean> answer) {
        AtomicBoolean told = new AtomicBoolean();
        screen.gui(g -> {
            BasicWindow w = new BasicWindow(" the instructor asks ");
            w.setHints(List.of(Window.Hint.CENTERED));
            Panel panel = new Panel(new LinearLayout(Direction.VERTICAL));
            panel.addComponent(new Label(question));
            Panel buttons = new Panel(new LinearLayout(Direction.HORIZONTAL));
            for (boolean allow : new boolean[] {true, false}) {
                buttons.addComponent(new Button(allow ? "Allow" : "Refuse", () -> {
                    w.close();
                    if (told.compareAndSet(false, true)) {
                        answer.accept(allow);
                    }
                }));
            }
            panel.addComponent(buttons);
            w.setComponent(panel);
            w.setFocusedInteractable((Button) buttons.getChildrenList().get(0));
            g.addWindow(w);
        });
    }

    /** The mark, top left, that someone watches this screen; it takes no keys. Closed by the caller. */
    static Window watched(WindowBasedTextGUI g) {
        BasicWindow w = new BasicWindow();
        w.setHints(List.of(Window.Hint.NO_FOCUS, Window.Hint.FIXED_POSITION, Window.Hint.NO_DECORATIONS,
                Window.Hint.NO_POST_RENDERING));
        Label mark = new Label(WATCHED);
        mark.addStyle(SGR.REVERSE);
        w.setComponent(mark);
        w.setPosition(TerminalPosition.TOP_LEFT_CORNER);
        g.addWindow(w);
        return w;
    }
}
