package dev.boxlab.app.tui;

import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.graphics.TextGraphics;

import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.Lesson.Step;
import dev.boxlab.lessons.LessonRunner.CheckResult;
import dev.boxlab.lessons.LessonSession;

/**
 * The step pane: the step's title and text, its commands (marked as they run) or "your turn" in a
 * challenge, the hints asked for so far, and its checks at the foot. Draws the session as it is.
 */
final class StepPanel extends Region<StepPanel> {
    private final LessonSession session;
    private final Paint paint;
    private final boolean challenge;
    private boolean demo;
    private int scroll;
    private int page = 10;
    private boolean scrollToHint;

    StepPanel(LessonSession session, Paint paint, boolean challenge) {
        this.session = session;
        this.paint = paint;
        this.challenge = challenge;
    }

    void demo(boolean on) {
        demo = on;
    }

    void top() {
        scroll = 0;
    }

    void showLastHint() {
        scrollToHint = true;
    }

    void scroll(int by) {
        scroll = Math.max(0, scroll + by);
    }

    int page() {
        return page;
    }

    /** Whether every check of the step passes now (a step without checks is done once they ran). */
    boolean stepDone() {
        List<CheckResult> checks = session.checks();
        return checks != null && checks.stream().allMatch(CheckResult::passed);
    }

    @Override
    void render(TextGraphics g, int w, int h, boolean focused) {
        int cw = w - 2;
        List<Row> footer = demo ? new ArrayList<>() : checkRows(cw);
        List<Row> rows = stepRows(cw);
        if (h - 1 < 16 && footer.size() > 2) {
            // a short pane keeps one line of check marks in view; the full list ends the step's text
            rows.add(Row.EMPTY);
            rows.addAll(footer);
            footer = List.of(compactChecks());
        }
        int footerH = Math.min(footer.size(), Math.max(2, (h - 1) / 2));
        int bodyH = h - 1 - footerH;
        page = bodyH;
        if (scrollToHint) {
            scrollToHint = false;
            scroll = Math.max(0, rows.size() - bodyH);
        }
        scroll = Math.min(scroll, Math.max(0, rows.size() - bodyH));
        paint.header(g, 0, 0, w, "Step " + (session.index() + 1) + "/" + session.lesson().steps().size() + " "
                + session.step().id(), Paint.scrollInfo(scroll, rows.size(), bodyH), focused);
        for (int i = 0; i < bodyH && scroll + i < rows.size(); i++) {
            paint.put(g, 1, 1 + i, rows.get(scroll + i), cw);
        }
        for (int i = 0; i < footerH; i++) {
            Row r = footer.get(i);
            if (i == footerH - 1 && footer.size() > footerH) {
                r = Row.of(Tone.DIM, "  " + paint.glyphs.running + (footer.size() - footerH + 1) + " more checks");
            }
            paint.put(g, 1, 1 + bodyH + i, r, cw);
        }
    }

    List<Row> stepRows(int width) {
        Step s = session.step();
        Glyphs glyphs = paint.glyphs;
        int done = session.commandsDone();
        List<Row> out = new ArrayList<>(Row.of(Tone.BOLD, s.title()).wrap(width, 0));
        out.add(Row.EMPTY);
        out.addAll(Narrative.render(s.text(), width));
        out.add(Row.EMPTY);
        if (demo) {
            out.add(Row.of(Tone.HEADING, "Commands").plus(Tone.DIM, "  Space: type, run, next"));
            for (int i = 0; i < s.run().size(); i++) {
                String first = s.run().get(i).strip().split("\n")[0];
                out.addAll(Row.of(i < done ? Tone.OK : Tone.COMMAND, mark(i, done))
                        .plus(i < done ? Tone.DIM : Tone.CODE, first).wrap(width, 2));
            }
            return out;
        } else if (challenge) {
            out.add(Row.of(Tone.HEADING, "Your turn").plus(Tone.DIM, "  (challenge: h hint, r solve)"));
        } else if (!s.run().isEmpty()) {
            out.add(Row.of(Tone.HEADING, "Commands").plus(Tone.DIM, "  r: run all  s: one"));
            for (int i = 0; i < s.run().size(); i++) {
                Tone mt = i < done ? Tone.OK : Tone.COMMAND;
                String[] lines = s.run().get(i).strip().split("\n");
                for (int j = 0; j < lines.length; j++) {
                    Row r = Row.of(mt, j == 0 ? mark(i, done) : "  ").plus(Tone.DIM, j == 0 ? "$ " : "  ")
                            .plus(i < done ? Tone.DIM : Tone.CODE, lines[j]);
                    out.addAll(r.wrap(width, 6));
                }
            }
        }
        List<String> hints = s.hints();
        for (int i = 0; i < session.hintsShown() && i < hints.size(); i++) {
            out.add(Row.EMPTY);
            List<Span> spans = new ArrayList<>();
            spans.add(new Span("Hint " + (i + 1) + "/" + hints.size() + ": ", Tone.HINT));
            for (Span sp : Narrative.inline(hints.get(i))) {
                spans.add(sp.tone() == Tone.TEXT ? new Span(sp.text(), Tone.HINT) : sp);
            }
            out.addAll(new Row(spans).wrap(width, 2));
        }
        return out;
    }

    private String mark(int i, int done) {
        return i < done ? paint.glyphs.ok + " " : i == done ? paint.glyphs.selected + " " : "  ";
    }

    private Row doneRow() {
        return Row.of(Tone.OK, paint.glyphs.ok + " Step done!").plus(Tone.TEXT,
                session.isLast() ? "  the lesson is complete" : "  n: next step");
    }

    private static Row checkMark(CheckResult c, Row r, Glyphs glyphs, String pad) {
        return c == null ? r.plus(Tone.PENDING, pad + glyphs.pending + " ") : c.passed()
                ? r.plus(Tone.OK, pad + glyphs.ok + " ") : r.plus(Tone.FAIL, pad + glyphs.fail + " ");
    }

    private Row compactChecks() {
        if (stepDone()) {
            return doneRow();
        }
        List<CheckResult> checks = session.checks();
        Row r = Row.of(Tone.HEADING, "Checks ");
        int ok = 0;
        int n = session.step().checks().size();
        for (int i = 0; i < n; i++) {
            CheckResult c = checks != null && i < checks.size() ? checks.get(i) : null;
            r = checkMark(c, r, paint.glyphs, "");
            ok += c != null && c.passed() ? 1 : 0;
        }
        return r.plus(Tone.DIM, ok + "/" + n + " pass " + (paint.glyphs == Glyphs.ASCII ? "(below)" : "↓"));
    }

    private List<Row> checkRows(int width) {
        List<Row> out = new ArrayList<>();
        List<Lesson.Check> cs = session.step().checks();
        List<CheckResult> checks = session.checks();
        if (cs.isEmpty()) {
            return out;
        }
        out.add(stepDone() ? doneRow() : Row.of(Tone.HEADING, "Checks")
                .plus(Tone.DIM, checks == null ? "  not run yet" : "  re-checked as you work"));
        String running = paint.glyphs.running;
        for (int i = 0; i < cs.size(); i++) {
            CheckResult r = checks != null && i < checks.size() ? checks.get(i) : null;
            String name = cs.get(i).name();
            Tone tone = r != null && r.passed() ? Tone.TEXT : Tone.DIM;
            if (name.length() + 3 > width) {
                name = name.substring(0, Math.max(0, Math.min(name.length(), width - 4 - running.length()))) + running;
            }
            Row row = checkMark(r, Row.EMPTY, paint.glyphs, " ").plus(tone, name);
            out.add(r != null && r.labBroken() ? row.plus(Tone.WARN, " (the lab is broken: R rebuilds)") : row);
        }
        return out;
    }
}
