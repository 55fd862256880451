package dev.boxlab.app.tui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.boxlab.app.session.Progress;
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

    /** Waits (briefly) for the writes on their way to the file: called before boxlab exits. */
    default void flush() {}

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
        /** Writes to the file happen here, never on the GUI thread, in the order they were asked for. */
        private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(
                Tui.daemon("boxlab-progress-writer"));
        private Progress file;
        private final Map<String, Set<String>> done = new HashMap<>();
        private final Map<String, String> current = new HashMap<>();

        InMemory(Progress file) {
            this.file = file;
        }

        /** The file arrives: what this session did before it arrived is written to it too. */
        synchronized void attach(Progress f) {
            file = f;
            Map<String, Set<String>> d = new HashMap<>();
            done.forEach((k, v) -> d.put(k, new HashSet<>(v)));
            Map<String, String> c = new HashMap<>(current);
            write(() -> {
                d.forEach((lesson, steps) -> steps.forEach(s -> f.stepDone(lesson, s)));
                c.forEach(f::currentStep);
            });
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
            Progress f = file;
            if (done.computeIfAbsent(lesson.id(), k -> new HashSet<>()).add(stepId) && f != null) {
                write(() -> f.stepDone(lesson.id(), stepId));
            }
        }

        @Override
        public synchronized void currentStep(Lesson lesson, String stepId) {
            Progress f = file;
            if (!stepId.equals(current.put(lesson.id(), stepId)) && f != null) {
                write(() -> f.currentStep(lesson.id(), stepId));
            }
        }

        private void write(Runnable w) {
            try {
                writer.execute(w);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                w.run(); // flushed already (boxlab is ending): write at once
            }
        }

        @Override
        public void flush() {
            writer.shutdown();
            try {
                writer.awaitTermination(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
