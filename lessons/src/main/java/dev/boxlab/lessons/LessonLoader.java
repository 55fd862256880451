package dev.boxlab.lessons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import dev.boxlab.lessons.Lesson.Alternative;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.Lesson.Step;

/**
 * Reads and validates a lesson file into a {@link Lesson}: which keys a lesson, a step, a check and
 * a variant or shortcut take, and what their values must be (ids, numbers, regular expressions,
 * references to named checks, views, alternatives that differ from the step's own commands).
 * {@link YamlReader} reads the YAML as a node tree, so every error names its line and column, and
 * collects every problem, not just the first.
 */
public final class LessonLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final List<String> LESSON_KEYS = List.of("id", "title", "summary", "order", "requires", "checks", "steps");
    private static final List<String> STEP_KEYS = List.of("id", "title", "text", "run", "check", "hint", "watch", "variants",
            "shortcuts");
    private static final List<String> ALTERNATIVE_KEYS = List.of("name", "run");
    private static final List<String> CHECK_KEYS = List.of("name", "run", "expect", "timeout", "use");
    private static final List<String> NAMED_CHECK_KEYS = List.of("name", "run", "expect", "timeout");
    static final double DEFAULT_CHECK_TIMEOUT = 3;

    private final YamlReader yaml;

    private LessonLoader(String file) {
        this.yaml = new YamlReader(file);
    }

    public static Lesson load(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LessonFileException(List.of(new LessonError(path.toString(), 1, 1,
                    "cannot read the file: " + e.getMessage())));
        }
        return parse(path.toString(), text);
    }

    /** Parses lesson text; throws {@link LessonFileException} listing every problem. */
    public static Lesson parse(String file, String text) {
        LessonLoader loader = new LessonLoader(file);
        Lesson lesson = loader.read(text);
        if (!loader.yaml.errors().isEmpty()) {
            List<LessonError> sorted = new ArrayList<>(loader.yaml.errors());
            Collections.sort(sorted);
            throw new LessonFileException(sorted);
        }
        return lesson;
    }

    private Lesson read(String text) {
        Node root = yaml.compose(text, "a lesson with id, title, summary and steps");
        if (root == null) {
            return null;
        }
        Map<String, Node> top = yaml.mapping(root, "a lesson", LESSON_KEYS);
        if (top == null) {
            return null;
        }
        String id = yaml.requiredScalar(top, root, "id", "lesson");
        if (id != null && !ID.matcher(id).matches()) {
            yaml.error(top.get("id"), "lesson id '" + id + "' must be lower-case letters, digits and dashes");
        }
        String title = yaml.requiredScalar(top, root, "title", "lesson");
        String summary = yaml.requiredScalar(top, root, "summary", "lesson");
        int order = 1000;
        if (top.containsKey("order")) {
            String o = yaml.scalar(top.get("order"), "order");
            try {
                order = o == null ? order : Integer.parseInt(o);
            } catch (NumberFormatException e) {
                yaml.error(top.get("order"), "order must be a whole number, found '" + o + "'");
            }
        }
        List<String> requires = top.containsKey("requires") ? yaml.stringList(top.get("requires"), "requires", "tool names") : List.of();

        Map<String, Check> named = new LinkedHashMap<>();
        if (top.containsKey("checks")) {
            Map<String, Node> checks = yaml.mapping(top.get("checks"), "named checks (name: {run: ...})", null);
            if (checks != null) {
                for (Map.Entry<String, Node> e : checks.entrySet()) {
                    Check c = check(e.getValue(), null, e.getKey(), NAMED_CHECK_KEYS);
                    if (c != null) {
                        named.put(e.getKey(), c);
                    }
                }
            }
        }

        List<Step> steps = new ArrayList<>();
        Node stepsNode = top.get("steps");
        if (stepsNode == null) {
            yaml.error(root, "lesson is missing 'steps' (a list of steps)");
        } else if (!(stepsNode instanceof SequenceNode seq)) {
            yaml.error(stepsNode, "'steps' must be a list of steps, found " + YamlReader.kind(stepsNode));
        } else if (seq.getValue().isEmpty()) {
            yaml.error(stepsNode, "'steps' is empty; a lesson needs at least one step");
        } else {
            Map<String, Node> seen = new HashMap<>();
            for (Node s : seq.getValue()) {
                Step step = step(s, named, seen);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        if (!yaml.errors().isEmpty()) {
            return null;
        }
        return new Lesson(id, title, summary, order, requires, List.copyOf(steps), yaml.file());
    }

    private Step step(Node node, Map<String, Check> named, Map<String, Node> seen) {
        Map<String, Node> m = yaml.mapping(node, "a step", STEP_KEYS);
        if (m == null) {
            return null;
        }
        String id = yaml.requiredScalar(m, node, "id", "step");
        if (id != null) {
            if (!ID.matcher(id).matches()) {
                yaml.error(m.get("id"), "step id '" + id + "' must be lower-case letters, digits and dashes");
            }
            Node first = seen.putIfAbsent(id, m.get("id"));
            if (first != null) {
                yaml.error(m.get("id"), "duplicate step id '" + id + "' (first used at line "
                        + (first.getStartMark().getLine() + 1) + ")");
            }
        }
        String title = yaml.requiredScalar(m, node, "title", "step");
        String text = m.containsKey("text") ? yaml.scalar(m.get("text"), "text") : "";
        List<String> run = m.containsKey("run") ? commands(m.get("run")) : List.of();
        List<Check> checks = new ArrayList<>();
        Node checkNode = m.get("check");
        if (checkNode == null) {
            yaml.error(node, "step '" + id + "' has no 'check': a step is done when its checks pass");
        } else if (!(checkNode instanceof SequenceNode seq)) {
            yaml.error(checkNode, "'check' must be a list of checks, found " + YamlReader.kind(checkNode));
        } else if (seq.getValue().isEmpty()) {
            yaml.error(checkNode, "'check' is empty; a step needs at least one check");
        } else {
            for (Node c : seq.getValue()) {
                Check check = check(c, named, null, CHECK_KEYS);
                if (check != null) {
                    checks.add(check);
                }
            }
        }
        List<String> hints = List.of();
        if (m.containsKey("hint")) {
            Node h = m.get("hint");
            hints = h instanceof SequenceNode ? yaml.stringList(h, "hint", "hints") : singleton(yaml.scalar(h, "hint"));
        }
        List<String> watch = List.of("network");
        if (m.containsKey("watch")) {
            Node w = m.get("watch");
            watch = w instanceof SequenceNode ? yaml.stringList(w, "watch", "view names") : singleton(yaml.scalar(w, "watch"));
            List<Node> items = w instanceof SequenceNode seq ? seq.getValue() : List.of(w);
            for (int i = 0; i < watch.size() && i < items.size(); i++) {
                if (!Lesson.VIEWS.contains(watch.get(i))) {
                    yaml.error(items.get(i), "unknown view '" + watch.get(i) + "' in watch; expected one of: "
                            + String.join(", ", Lesson.VIEWS));
                }
            }
        }
        List<Alternative> variants = alternatives(m.get("variants"), "variants", "variant", run);
        List<Alternative> shortcuts = alternatives(m.get("shortcuts"), "shortcuts", "shortcut", run);
        return new Step(id, title, text == null ? "" : text, run, List.copyOf(checks), hints, watch, variants, shortcuts);
    }

    /**
     * {@code variants:} or {@code shortcuts:}: a list whose items are {@code {name: ..., run: [...]}}
     * or just a list of commands (then named "variant 2", "shortcut 1"...).
     */
    private List<Alternative> alternatives(Node node, String key, String what, List<String> reference) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            yaml.error(node, "'" + key + "' must be a list of " + what + "s ({name: ..., run: [commands]}), found " + YamlReader.kind(node));
            return List.of();
        }
        if (seq.getValue().isEmpty()) {
            yaml.error(node, "'" + key + "' is empty; leave it out or give at least one " + what);
            return List.of();
        }
        List<Alternative> out = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        int n = 0;
        for (Node item : seq.getValue()) {
            n++;
            String name = what + " " + n;
            Node runNode = item;
            Node where = item;
            if (!(item instanceof SequenceNode)) {
                Map<String, Node> m = yaml.mapping(item, "a " + what + " (name: ..., run: [commands])", ALTERNATIVE_KEYS);
                if (m == null) {
                    continue;
                }
                if (m.containsKey("name")) {
                    String given = yaml.scalar(m.get("name"), "name");
                    if (given != null && given.isBlank()) {
                        yaml.error(m.get("name"), "'name' is empty");
                    } else if (given != null) {
                        name = given.strip();
                        where = m.get("name");
                    }
                }
                runNode = m.get("run");
                if (runNode == null) {
                    if (!yaml.misspelt(item, "run")) {
                        yaml.error(item, what + " '" + name + "' is missing 'run' (its list of commands)");
                    }
                    continue;
                }
            }
            Node first = names.putIfAbsent(name, where);
            if (first != null) {
                yaml.error(where, "duplicate " + what + " name '" + name + "' (first used at line "
                        + (first.getStartMark().getLine() + 1) + ")");
            }
            int before = yaml.errors().size();
            List<String> cmds = commands(runNode);
            if (yaml.errors().size() > before) {
                continue;
            }
            if (cmds.isEmpty()) {
                yaml.error(runNode, what + " '" + name + "' has no commands");
            } else if (cmds.equals(reference)) {
                yaml.error(runNode, what + " '" + name + "' is the step's own 'run'; it proves nothing");
            } else {
                out.add(new Alternative(name, cmds));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> singleton(String s) {
        return s == null ? List.of() : List.of(s);
    }

    private Check check(Node node, Map<String, Check> named, String name, List<String> keys) {
        if (node instanceof ScalarNode sc) {
            String cmd = sc.getValue().strip();
            if (cmd.isEmpty()) {
                yaml.error(node, "empty check command");
                return null;
            }
            return new Check(name != null ? name : cmd, cmd, null, DEFAULT_CHECK_TIMEOUT);
        }
        Map<String, Node> m = yaml.mapping(node, "a check (a command, or run/expect/name/timeout)", keys);
        if (m == null) {
            return null;
        }
        if (m.containsKey("use")) {
            String ref = yaml.scalar(m.get("use"), "use");
            if (m.size() > 1) {
                yaml.error(node, "a check with 'use' takes nothing else; found " + String.join(", ", m.keySet()));
            }
            Check c = named == null ? null : named.get(ref);
            if (c == null) {
                yaml.error(m.get("use"), "unknown check '" + ref + "' in use; "
                        + (named == null || named.isEmpty() ? "this lesson defines no named checks"
                        : "expected one of: " + String.join(", ", named.keySet())));
            }
            return c;
        }
        Node runNode = m.get("run");
        String run = null;
        if (runNode == null) {
            yaml.error(node, "check is missing 'run' (the command that must succeed)");
        } else {
            run = yaml.scalar(runNode, "run");
            if (run != null && run.isBlank()) {
                yaml.error(runNode, "empty check command");
                run = null;
            }
        }
        String expect = m.containsKey("expect") ? yaml.scalar(m.get("expect"), "expect") : null;
        if (expect != null) {
            try {
                Pattern.compile(expect);
            } catch (PatternSyntaxException e) {
                yaml.error(m.get("expect"), "expect is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        double timeout = DEFAULT_CHECK_TIMEOUT;
        if (m.containsKey("timeout")) {
            String t = yaml.scalar(m.get("timeout"), "timeout");
            try {
                timeout = Double.parseDouble(t);
                if (timeout <= 0 || timeout > 300) {
                    yaml.error(m.get("timeout"), "timeout must be between 0 and 300 seconds, found " + t);
                }
            } catch (NumberFormatException | NullPointerException e) {
                yaml.error(m.get("timeout"), "timeout must be a number of seconds, found '" + t + "'");
            }
        }
        String checkName = m.containsKey("name") ? yaml.scalar(m.get("name"), "name") : null;
        if (checkName == null) {
            checkName = name != null ? name : run;
        }
        return run == null ? null : new Check(checkName, run.strip(), expect, timeout);
    }

    private List<String> commands(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            yaml.error(node, "'run' must be a list of commands, found " + YamlReader.kind(node));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node c : seq.getValue()) {
            String s = yaml.scalar(c, "a command");
            if (s == null) {
                continue;
            }
            if (s.isBlank()) {
                yaml.error(c, "empty command in 'run'");
                continue;
            }
            out.add(s.strip());
        }
        return List.copyOf(out);
    }
}
