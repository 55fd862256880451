package dev.boxlab.app.tui;

import java.util.List;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

import dev.boxlab.app.session.LiveState;
import dev.boxlab.app.session.View;
import dev.boxlab.lessons.LabSupply;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.lessons.LessonSession.LabStatus;

/**
 * The lesson screen: wires a {@link LessonSession} and its {@link LiveState} to the regions that
 * draw them (title, step, state, transcript, the command slot, the key bar: each a {@link Region},
 * a Lanterna component with its renderer) and lays them out; {@link ScreenKeys}
 * turns keys into what {@link LessonControl} does. Everything here runs on the GUI thread.
 */
final class LessonScreen extends FullScreenView {
    enum Pane { STEP, STATE, TRANSCRIPT, COMMAND }

    enum Overlay { NONE, HELP, QUIT }

    /** What the screen asks of whoever opened it. */
    interface Exit {
        /** Leave boxlab. */
        void quit();

        /** Back to the lesson list (the lab ends); null when there is no list to go back to. */
        default Runnable backToPicker() {
            return null;
        }
    }

    final LessonSession session;
    final LiveState live;
    final LessonControl control;
    final Exit exit;
    final Work work;
    final StepPanel step;
    final StatePane state;
    final TranscriptLog transcript;
    final CommandSlot command;
    /** Where the learner types: the command line, or a terminal pane in its place. */
    Slot slot;
    private final TitleBar title;
    private final KeyBar bar;
    private final ScreenKeys keys;
    DemoDriver demo;

    Pane focus = Pane.STEP;
    Pane zoom;
    Overlay overlay = Overlay.NONE;

    LessonScreen(Lesson lesson, LabSupply labs, Work work, ProgressSource progress, boolean challenge, Exit exit,
                 Theme theme, Glyphs glyphs) {
        super(theme, glyphs);
        this.exit = exit;
        this.work = work;
        session = new LessonSession(lesson, labs);
        live = new LiveState(session::lab, work::probe);
        transcript = new TranscriptLog(paint);
        control = new LessonControl(session, live, work, progress, transcript, glyphs, this::invalidate, this::moved);
        step = new StepPanel(session, paint, challenge);
        state = new StatePane(live, paint);
        command = new CommandSlot(paint);
        slot = command;
        title = new TitleBar(paint, control);
        bar = new KeyBar(paint);
        keys = new ScreenKeys(this);
    }

    /** The learner's shell in the lab takes the command line's place (the real screen; tests on a fake lab keep the line). */
    void terminal(dev.boxlab.app.terminal.LabTerminal t) {
        TerminalSlot ts = new TerminalSlot(t, paint);
        ts.wire(this);
        slot = ts;
    }

    boolean hasTerminal() {
        return slot instanceof TerminalSlot;
    }

    /** Demo mode: Space types the next command out, runs it, moves on; no hints or check noise. */
    void demo(dev.boxlab.app.session.Typist typist) {
        demo = new DemoDriver(typist, this);
        step.demo(true);
        control.quiet(true);
    }

    /** Shows step {@code start} at once and builds the lab for it in the background. */
    void open(int start) {
        control.open(start);
    }

    private void moved() {
        if (demo != null) {
            demo.reset();
        } else {
            command.line().set("");
        }
        step.top();
        state.top();
    }

    LessonSession session() {
        return session;
    }

    Step step() {
        return session.step();
    }

    int index() {
        return session.index();
    }

    View view() {
        return live.view();
    }

    Pane focus() {
        return focus;
    }

    LabStatus status() {
        return control.status();
    }

    TranscriptLog transcript() {
        return transcript;
    }

    CommandLine commandLine() {
        return command.line();
    }

    List<CheckResult> checks() {
        return session.checks();
    }

    boolean helpShown() {
        return overlay == Overlay.HELP;
    }

    boolean quitAsked() {
        return overlay == Overlay.QUIT;
    }

    /**
     * The timer's tick: the message times out, the state and the checks are polled. What they
     * change redraws the screen itself; the tick redraws only while a message is up (it times out)
     * or the lab is not ready (its status moves), so an idle screen is not drawn again and again.
     */
    void tick() {
        control.tick();
        if (control.messageUp() || control.status() != LabStatus.READY) {
            invalidate();
        }
    }

    void requestQuit() {
        if (control.labInUse()) {
            overlay = Overlay.QUIT;
        } else {
            exit.quit();
        }
    }

    @Override
    void key(KeyStroke k) {
        keys.key(k);
    }

    @Override
    TerminalPosition cursor() {
        return overlay == Overlay.NONE && focus == Pane.COMMAND ? slot.cursor() : null;
    }

    @Override
    void draw(TextGraphics g, TerminalSize size) {
        int w = size.getColumns();
        int h = size.getRows();
        clear(g, size);
        if (w < 40 || h < 12) {
            put(g, 0, 0, Row.of(Tone.WARN, "boxlab needs at least 40x12"), w);
            put(g, 0, 1, Row.text("(this terminal is " + w + "x" + h + "); q quits"), w);
            return;
        }
        title.place(g, 0, 0, w, 1, false);
        int slotRows = slot.rows(h);
        int bodyH = h - 2 - slotRows;
        if (zoom != null) {
            drawPane(g, zoom, 0, 1, w, bodyH);
        } else {
            // beside a terminal the transcript shows only while it has focus (after r, or Tab to it)
            int topH = hasTerminal() && focus != Pane.TRANSCRIPT ? bodyH
                    : Math.max(6, (int) Math.round(bodyH * (h >= 40 ? 0.64 : 0.58)));
            int leftW = w < 110 ? w / 2 : (int) (w * 0.42);
            drawPane(g, Pane.STEP, 0, 1, leftW, topH);
            drawPane(g, Pane.STATE, leftW + 1, 1, w - leftW - 1, topH);
            theme.apply(g, Tone.BORDER);
            g.setCharacter(leftW, 1, glyphs.teeDown);
            for (int y = 2; y < 1 + topH; y++) {
                g.setCharacter(leftW, y, glyphs.v);
            }
            drawPane(g, Pane.TRANSCRIPT, 0, 1 + topH, w, bodyH - topH);
            theme.apply(g, Tone.BORDER);
            g.setCharacter(leftW, 1 + topH, glyphs.teeUp);
        }
        slot.busy(control.status() == LabStatus.BUSY);
        slot.region().place(g, 0, h - 1 - slotRows, w, slotRows, focus == Pane.COMMAND);
        bar.show(control.message(), focus == Pane.COMMAND, demo == null ? null : demo.next())
                .terminal(hasTerminal()).place(g, 0, h - 1, w, 1, false);
        if (overlay == Overlay.HELP) {
            overlay(g, size, "boxlab keys", KeyBar.helpRows(demo != null, hasTerminal()));
        } else if (overlay == Overlay.QUIT) {
            bar.askQuit(g, size, exit.backToPicker() != null);
        }
    }

    private void drawPane(TextGraphics g, Pane p, int x, int y, int w, int h) {
        Region<?> r = switch (p) {
            case STEP -> step;
            case STATE -> state;
            default -> transcript;
        };
        r.place(g, x, y, w, h, focus == p);
    }
}
