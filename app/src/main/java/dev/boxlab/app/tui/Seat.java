package dev.boxlab.app.tui;

import java.util.function.Consumer;

import com.googlecode.lanterna.gui2.WindowBasedTextGUI;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonSession;

/** What boxlab serve learns from one attendee's screen ({@link Tui#runOn}), and how it acts on it. */
public interface Seat {
    /** The screen opened a lesson (null: back at the list): where the attendee is, how its checks stand. */
    void opened(LessonSession session);

    /** How serve acts on this screen. */
    void control(Control control);

    /** What serve does to an attendee's screen, each on the screen's GUI thread (nothing once it has ended). */
    interface Control {
        /** Runs {@code r} with the screen's windows: a message, a question, a mark over the screen. */
        void gui(Consumer<WindowBasedTextGUI> r);

        /** Opens {@code lesson} at step {@code index} (the steps before built in a fresh lab), the list behind it. */
        void open(Lesson lesson, int index);
    }
}
