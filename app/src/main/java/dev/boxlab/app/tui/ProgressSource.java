package dev.boxlab.app.tui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.boxlab.app.Progress;
import dev.boxlab.lessons.Lesson;

/**
 * Where the screens read and record a learner's progress. {@link #session()} remembers this run
 * only; {@link #saved(Progress)} also writes the learner's progress file.
 */
interface ProgressSource {
    /** How many of the lesson's steps are done. */
    int done(Lesson lesson);

    boolean isDone(Lesson lesson, String stepId);

    /** The step the learner was on, or null. */
    String current(Lesson lesson);

    void stepDone(Lesson lesson, String stepId);

    void currentStep(Lesson lesson, String stepId);

    static ProgressSource session() {
        return new InMemory(null);
    }

    static ProgressSource saved(Progress progress) {
        return new InMemory(progress);
    }

    /**
     * The learner's saved progress, read on a thread of its own so the first frame does not wait
     * for it; until it is read, only this session's progress shows and {@code onLoaded} runs once it is.
     */
    static ProgressSource loading(java.util.function.Supplier<Progress> load, Runnable onLoaded) {
        InMemory p = new InMemory(null);
        Thread t = new Thread(() -> {
            Progress file;
            try {
                file = load.get();
            } catch (RuntimeException e) {
                return; // no saved progress: this session's is still kept
            }
            p.attach(file);
            onLoaded.run();
        }, "boxlab-progress");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** This session's progress, merged with (and written through to) a progress file when there is one. */
    final class InMemory implements ProgressSource {
        private Progress file;
        private final Map<String, Set<String>> done = new HashMap<>();
        private final Map<String, String> current = new HashMap<>();

        InMemory(Progress file) {
            this.file = file;
        }

        /** The file arrives: what this session did before it arrived is written to it too. */
        synchronized void attach(Progress f) {
            file = f;
            done.forEach((lesson, steps) -> steps.forEach(s -> f.stepDone(lesson, s)));
            current.forEach(f::currentStep);
        }

        @Override
        public synchronized int done(Lesson lesson) {
            Set<String> all = new HashSet<>(done.getOrDefault(lesson.id(), Set.of()));
            if (file != null) {
                file.of(lesson.id()).ifPresent(p -> all.addAll(p.done().keySet()));
            }
            all.retainAll(lesson.steps().stream().map(Lesson.Step::id).toList());
            return all.size();
        }

        @Override
        public synchronized boolean isDone(Lesson lesson, String stepId) {
            return done.getOrDefault(lesson.id(), Set.of()).contains(stepId)
                    || (file != null && file.of(lesson.id()).map(p -> p.done().containsKey(stepId)).orElse(false));
        }

        @Override
        public synchronized String current(Lesson lesson) {
            String c = current.get(lesson.id());
            if (c == null && file != null) {
                c = file.of(lesson.id()).map(Progress.LessonProgress::current).orElse(null);
            }
            return c;
        }

        @Override
        public synchronized void stepDone(Lesson lesson, String stepId) {
            if (done.computeIfAbsent(lesson.id(), k -> new HashSet<>()).add(stepId) && file != null) {
                file.stepDone(lesson.id(), stepId);
            }
        }

        @Override
        public synchronized void currentStep(Lesson lesson, String stepId) {
            if (!stepId.equals(current.put(lesson.id(), stepId)) && file != null) {
                file.currentStep(lesson.id(), stepId);
            }
        }
    }
}
