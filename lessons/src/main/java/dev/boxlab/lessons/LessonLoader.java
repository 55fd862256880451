package dev.boxlab.lessons;

import java.io.IOException;
import java.io.StringReader;
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

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import dev.boxlab.lessons.Lesson.Alternative;
import dev.boxlab.lessons.Lesson.Check;
import dev.boxlab.lessons.Lesson.Step;

/**
 * Reads and validates a lesson file. Works on snakeyaml's node tree rather than on plain maps so
 * every error can name the line and column it is about. Collects every problem, not just the first.
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

    private final String file;
    private final List<LessonError> errors = new ArrayList<>();
    /** Keys a typo in a mapping was taken to mean: their "missing" error would only repeat the typo's. */
    private final Map<Node, List<String>> typoFor = new HashMap<>();

    private LessonLoader(String file) {
        this.file = file;
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
        if (!loader.errors.isEmpty()) {
            List<LessonError> sorted = new ArrayList<>(loader.errors);
            Collections.sort(sorted);
            throw new LessonFileException(sorted);
        }
        return lesson;
    }

    private Lesson read(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            error(m, "not valid YAML: " + problem + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            return null;
        } catch (YAMLException e) {
            errors.add(new LessonError(file, 1, 1, "not valid YAML: " + e.getMessage()));
            return null;
        }
        if (root == null) {
            errors.add(new LessonError(file, 1, 1, "the file is empty; expected a lesson with id, title, summary and steps"));
            return null;
        }
        Map<String, Node> top = mapping(root, "a lesson", LESSON_KEYS);
        if (top == null) {
            return null;
        }
        String id = requiredScalar(top, root, "id", "lesson");
        if (id != null && !ID.matcher(id).matches()) {
            error(top.get("id"), "lesson id '" + id + "' must be lower-case letters, digits and dashes");
        }
        String title = requiredScalar(top, root, "title", "lesson");
        String summary = requiredScalar(top, root, "summary", "lesson");
        int order = 1000;
        if (top.containsKey("order")) {
            String o = scalar(top.get("order"), "order");
            try {
                order = o == null ? order : Integer.parseInt(o);
            } catch (NumberFormatException e) {
                error(top.get("order"), "order must be a whole number, found '" + o + "'");
            }
        }
        List<String> requires = top.containsKey("requires") ? stringList(top.get("requires"), "requires", "tool names") : List.of();

        Map<String, Check> named = new LinkedHashMap<>();
        if (top.containsKey("checks")) {
            Map<String, Node> checks = mapping(top.get("checks"), "named checks (name: {run: ...})", null);
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
            error(root, "lesson is missing 'steps' (a list of steps)");
        } else if (!(stepsNode instanceof SequenceNode seq)) {
            error(stepsNode, "'steps' must be a list of steps, found " + kind(stepsNode));
        } else if (seq.getValue().isEmpty()) {
            error(stepsNode, "'steps' is empty; a lesson needs at least one step");
        } else {
            Map<String, Node> seen = new HashMap<>();
            for (Node s : seq.getValue()) {
                Step step = step(s, named, seen);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Lesson(id, title, summary, order, requires, List.copyOf(steps), file);
    }

    private Step step(Node node, Map<String, Check> named, Map<String, Node> seen) {
        Map<String, Node> m = mapping(node, "a step", STEP_KEYS);
        if (m == null) {
            return null;
        }
        String id = requiredScalar(m, node, "id", "step");
        if (id != null) {
            if (!ID.matcher(id).matches()) {
                error(m.get("id"), "step id '" + id + "' must be lower-case letters, digits and dashes");
            }
            Node first = seen.putIfAbsent(id, m.get("id"));
            if (first != null) {
                error(m.get("id"), "duplicate step id '" + id + "' (first used at line "
                        + (first.getStartMark().getLine() + 1) + ")");
            }
        }
        String title = requiredScalar(m, node, "title", "step");
        String text = m.containsKey("text") ? scalar(m.get("text"), "text") : "";
        List<String> run = m.containsKey("run") ? commands(m.get("run")) : List.of();
        List<Check> checks = new ArrayList<>();
        Node checkNode = m.get("check");
        if (checkNode == null) {
            error(node, "step '" + id + "' has no 'check': a step is done when its checks pass");
        } else if (!(checkNode instanceof SequenceNode seq)) {
            error(checkNode, "'check' must be a list of checks, found " + kind(checkNode));
        } else if (seq.getValue().isEmpty()) {
            error(checkNode, "'check' is empty; a step needs at least one check");
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
            hints = h instanceof SequenceNode ? stringList(h, "hint", "hints") : singleton(scalar(h, "hint"));
        }
        List<String> watch = List.of("network");
        if (m.containsKey("watch")) {
            Node w = m.get("watch");
            watch = w instanceof SequenceNode ? stringList(w, "watch", "view names") : singleton(scalar(w, "watch"));
            List<Node> items = w instanceof SequenceNode seq ? seq.getValue() : List.of(w);
            for (int i = 0; i < watch.size() && i < items.size(); i++) {
                if (!Lesson.VIEWS.contains(watch.get(i))) {
                    error(items.get(i), "unknown view '" + watch.get(i) + "' in watch; expected one of: "
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
            error(node, "'" + key + "' must be a list of " + what + "s ({name: ..., run: [commands]}), found " + kind(node));
            return List.of();
        }
        if (seq.getValue().isEmpty()) {
            error(node, "'" + key + "' is empty; leave it out or give at least one " + what);
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
                Map<String, Node> m = mapping(item, "a " + what + " (name: ..., run: [commands])", ALTERNATIVE_KEYS);
                if (m == null) {
                    continue;
                }
                if (m.containsKey("name")) {
                    String given = scalar(m.get("name"), "name");
                    if (given != null && given.isBlank()) {
                        error(m.get("name"), "'name' is empty");
                    } else if (given != null) {
                        name = given.strip();
                        where = m.get("name");
                    }
                }
                runNode = m.get("run");
                if (runNode == null) {
                    if (!typoFor.getOrDefault(item, List.of()).contains("run")) {
                        error(item, what + " '" + name + "' is missing 'run' (its list of commands)");
                    }
                    continue;
                }
            }
            Node first = names.putIfAbsent(name, where);
            if (first != null) {
                error(where, "duplicate " + what + " name '" + name + "' (first used at line "
                        + (first.getStartMark().getLine() + 1) + ")");
            }
            int before = errors.size();
            List<String> cmds = commands(runNode);
            if (errors.size() > before) {
                continue;
            }
            if (cmds.isEmpty()) {
                error(runNode, what + " '" + name + "' has no commands");
            } else if (cmds.equals(reference)) {
                error(runNode, what + " '" + name + "' is the step's own 'run'; it proves nothing");
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
                error(node, "empty check command");
                return null;
            }
            return new Check(name != null ? name : cmd, cmd, null, DEFAULT_CHECK_TIMEOUT);
        }
        Map<String, Node> m = mapping(node, "a check (a command, or run/expect/name/timeout)", keys);
        if (m == null) {
            return null;
        }
        if (m.containsKey("use")) {
            String ref = scalar(m.get("use"), "use");
            if (m.size() > 1) {
                error(node, "a check with 'use' takes nothing else; found " + String.join(", ", m.keySet()));
            }
            Check c = named == null ? null : named.get(ref);
            if (c == null) {
                error(m.get("use"), "unknown check '" + ref + "' in use; "
                        + (named == null || named.isEmpty() ? "this lesson defines no named checks"
                        : "expected one of: " + String.join(", ", named.keySet())));
            }
            return c;
        }
        Node runNode = m.get("run");
        String run = null;
        if (runNode == null) {
            error(node, "check is missing 'run' (the command that must succeed)");
        } else {
            run = scalar(runNode, "run");
            if (run != null && run.isBlank()) {
                error(runNode, "empty check command");
                run = null;
            }
        }
        String expect = m.containsKey("expect") ? scalar(m.get("expect"), "expect") : null;
        if (expect != null) {
            try {
                Pattern.compile(expect);
            } catch (PatternSyntaxException e) {
                error(m.get("expect"), "expect is not a valid regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
        double timeout = DEFAULT_CHECK_TIMEOUT;
        if (m.containsKey("timeout")) {
            String t = scalar(m.get("timeout"), "timeout");
            try {
                timeout = Double.parseDouble(t);
                if (timeout <= 0 || timeout > 300) {
                    error(m.get("timeout"), "timeout must be between 0 and 300 seconds, found " + t);
                }
            } catch (NumberFormatException | NullPointerException e) {
                error(m.get("timeout"), "timeout must be a number of seconds, found '" + t + "'");
            }
        }
        String checkName = m.containsKey("name") ? scalar(m.get("name"), "name") : null;
        if (checkName == null) {
            checkName = name != null ? name : run;
        }
        return run == null ? null : new Check(checkName, run.strip(), expect, timeout);
    }

    private List<String> commands(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            error(node, "'run' must be a list of commands, found " + kind(node));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node c : seq.getValue()) {
            String s = scalar(c, "a command");
            if (s == null) {
                continue;
            }
            if (s.isBlank()) {
                error(c, "empty command in 'run'");
                continue;
            }
            out.add(s.strip());
        }
        return List.copyOf(out);
    }

    private List<String> stringList(Node node, String key, String what) {
        if (!(node instanceof SequenceNode seq)) {
            error(node, "'" + key + "' must be a list of " + what + ", found " + kind(node));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String s = scalar(n, key);
            if (s != null) {
                if (s.isBlank()) {
                    error(n, "empty entry in '" + key + "'");
                } else {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }

    /** A mapping's entries by key, reporting unknown and duplicate keys; null if it is not a mapping. */
    private Map<String, Node> mapping(Node node, String what, List<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            error(node, "expected " + what + " (a mapping of key: value), found " + kind(node));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                error(k, "keys must be plain words, found " + kind(k));
                continue;
            }
            String key = ks.getValue();
            if (out.containsKey(key)) {
                error(k, "duplicate key '" + key + "'");
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                String near = closest(key, allowed);
                if (near != null) {
                    typoFor.computeIfAbsent(node, x -> new ArrayList<>()).add(near);
                }
                error(k, "unknown key '" + key + "' in " + what.replaceFirst(" \\(.*", "")
                        + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + "; expected one of: " + String.join(", ", allowed));
                continue;
            }
            out.put(key, t.getValueNode());
        }
        return out;
    }

    private String requiredScalar(Map<String, Node> m, Node owner, String key, String what) {
        Node n = m.get(key);
        if (n == null) {
            if (!typoFor.getOrDefault(owner, List.of()).contains(key)) {
                error(owner, what + " is missing '" + key + "'");
            }
            return null;
        }
        String s = scalar(n, key);
        if (s != null && s.isBlank()) {
            error(n, "'" + key + "' is empty");
            return null;
        }
        return s == null ? null : s.strip();
    }

    private String scalar(Node n, String key) {
        if (n instanceof ScalarNode sc) {
            if (sc.getTag().equals(Tag.NULL)) {
                return "";
            }
            return sc.getValue();
        }
        String tip = n instanceof MappingNode ? " (text with ': ' in it reads as a mapping: put it in quotes)" : "";
        error(n, (key.startsWith("a ") ? key : "'" + key + "'") + " must be text, found " + kind(n) + tip);
        return null;
    }

    private static String kind(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof ScalarNode sc) {
            return sc.getTag().equals(Tag.NULL) ? "nothing" : "'" + abbreviate(sc.getValue()) + "'";
        }
        return "something else";
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 30 ? one.substring(0, 27) + "..." : one;
    }

    private void error(Node n, String message) {
        error(n.getStartMark(), message);
    }

    private void error(Mark m, String message) {
        int line = m == null ? 1 : m.getLine() + 1;
        int col = m == null ? 1 : m.getColumn() + 1;
        errors.add(new LessonError(file, line, col, message));
    }

    /** The allowed key nearest to a misspelt one, if it is close enough to be a typo. */
    static String closest(String key, List<String> allowed) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(key, a);
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return bestD <= Math.max(1, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prevPrev = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    cur[j] = Math.min(cur[j], prevPrev[j - 2] + 1); // a swapped pair: "titel"
                }
            }
            int[] t = prevPrev;
            prevPrev = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
