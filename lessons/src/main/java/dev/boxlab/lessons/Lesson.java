package dev.boxlab.lessons;

import java.util.List;
import java.util.Optional;

/**
 * One lesson, as its YAML file describes it: what it teaches, which tools it needs, and its steps.
 * {@code source} is where it was read from, for messages.
 */
public record Lesson(String id, String title, String summary, int order, List<String> requires, List<Step> steps,
                     String source) {

    /** A step by id, or by its number counted from 1. */
    public Optional<Step> step(String idOrNumber) {
        for (Step s : steps) {
            if (s.id().equals(idOrNumber)) {
                return Optional.of(s);
            }
        }
        try {
            int n = Integer.parseInt(idOrNumber.strip());
            if (n >= 1 && n <= steps.size()) {
                return Optional.of(steps.get(n - 1));
            }
        } catch (NumberFormatException e) {
            // not a number
        }
        return Optional.empty();
    }

    public int indexOf(Step step) {
        return steps.indexOf(step);
    }

    /**
     * One step: narrative {@code text} (light markdown), the reference commands {@code run} (what
     * auto mode types and what "solve" shows), the {@code checks} that say the step is done, hints
     * from vague to specific, and the live-pane views that matter here.
     */
    public record Step(String id, String title, String text, List<String> run, List<Check> checks, List<String> hints,
                       List<String> watch, List<Alternative> variants, List<Alternative> shortcuts) {
        /** A step without variants or shortcuts. */
        public Step(String id, String title, String text, List<String> run, List<Check> checks, List<String> hints,
                    List<String> watch) {
            this(id, title, text, run, checks, hints, watch, List.of(), List.of());
        }
    }

    /**
     * Another list of commands for a step, not shown to the learner: a <em>variant</em> is another
     * correct way (other tools, other order) that every check must accept; a <em>shortcut</em> skips
     * the idea of the step, and at least one check must reject it. The kernel test runs both.
     */
    public record Alternative(String name, List<String> run) {}

    /**
     * A check passes when {@code run} exits 0 in the lab and, if {@code expect} is set, its output
     * contains a match of that regular expression. It is retried until {@code timeoutSeconds}, so a
     * learner's own commands and slow starts count.
     */
    public record Check(String name, String run, String expect, double timeoutSeconds) {}

    /** The live-pane views a step can ask for. */
    public static final List<String> VIEWS = List.of("network", "mounts", "cgroups", "processes", "layers");
}
