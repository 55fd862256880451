package dev.boxlab.app.tui;

import java.util.List;

import com.googlecode.lanterna.graphics.TextGraphics;

import dev.boxlab.app.session.LiveState;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;
import dev.boxlab.lessons.LessonSession.LabStatus;

/**
 * The lesson screen's top line: the lesson, the step, its checks, and what the lab is doing (whether a
 * learner broke it, as {@link LiveState} last read it: drawing reads nothing of the lab).
 */
final class TitleBar extends Region<TitleBar> {
    private final Paint paint;
    private final LessonControl control;

    TitleBar(Paint paint, LessonControl control) {
        this.paint = paint;
        this.control = control;
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        LessonSession session = control.session();
        Glyphs glyphs = paint.glyphs;
        paint.fill(g, 0, 0, w, Tone.BAR);
        Row left = Row.of(Tone.TITLE, " boxlab ").plus(Tone.BAR, " " + session.lesson().title() + "  ")
                .plus(Tone.BAR_KEY, "Step " + (session.index() + 1) + "/" + session.lesson().steps().size());
        List<CheckResult> checks = session.checks();
        if (checks != null && !checks.isEmpty() && !control.quiet()) { // a demo: no check noise on the projector
            long ok = checks.stream().filter(CheckResult::passed).count();
            left = left.plus(Tone.BAR, "  ").plus(Tone.BAR_KEY, ok == checks.size() ? glyphs.ok + " done"
                    : ok + "/" + checks.size() + " checks");
        }
        LabStatus status = control.status();
        String right = switch (status) {
            case READY -> control.live().problems().isEmpty() ? "lab ready" : "lab broken: R rebuilds"; // read with the state
            case BUSY -> "running: " + control.busyText().replace("\n", " ");
            case STARTING -> control.busyText() + glyphs.running;
            case FAILED -> "no lab";
        };
        int maxRight = Math.max(10, w - left.length() - 2);
        if (right.length() > maxRight) {
            right = right.substring(0, maxRight - glyphs.running.length()) + glyphs.running;
        }
        paint.put(g, 0, 0, left, w);
        paint.put(g, w - right.length() - 1, 0, Row.of(status == LabStatus.FAILED ? Tone.BAR_KEY : Tone.BAR, right),
                right.length());
    }
}
