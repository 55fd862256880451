package dev.boxlab.lessons;

import java.util.function.Function;

import dev.boxlab.sandbox.LabPort;

/** Where a session's labs come from: a fresh lab with a lesson's steps before {@code index} built. */
@FunctionalInterface
public interface LabSupply {
    /** A fresh lab for {@code lesson} with steps 0..index-1 built; {@code building} hears each step start. */
    LabPort open(Lesson lesson, int index, LessonRunner.Listener building);

    /**
     * Labs started by {@code start} (the real one: preflight, then {@code Lab.start()}), whose earlier
     * steps a {@link LessonRunner} builds; a lab whose build fails is ended before the error goes on.
     */
    static LabSupply startingWith(Function<Lesson, LabPort> start) {
        return (lesson, index, building) -> {
            LabPort lab = start.apply(lesson);
            try {
                new LessonRunner(lesson, lab, building).fastForward(index);
                return lab;
            } catch (RuntimeException e) {
                lab.close();
                throw e;
            }
        };
    }
}
