package dev.boxlab.lessons;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

/**
 * Reads a YAML file as snakeyaml's node tree, so that every error can name the line and column it
 * is about, and collects the errors rather than stopping at the first: not YAML at all, a value of
 * the wrong kind, a key that is unknown (with the allowed key it was probably meant to be),
 * duplicated or missing, an empty text. What the values mean is {@link LessonLoader}'s business.
 */
final class YamlReader {
    private final String file;
    private final List<LessonError> errors = new ArrayList<>();
    /** Keys a typo in a mapping was taken to mean: their "missing" error would only repeat the typo's. */
    private final Map<Node, List<String>> typoFor = new HashMap<>();

    YamlReader(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** Every problem found so far, in the order found. */
    List<LessonError> errors() {
        return errors;
    }

    /** The document's root node, or null (with an error) if the text is not YAML or is empty. */
    Node compose(String text, String expected) {
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
            errors.add(new LessonError(file, 1, 1, "the file is empty; expected " + expected));
        }
        return root;
    }

    /** True if a key of {@code owner} was misspelt as a key taken to mean {@code key} (already reported). */
    boolean misspelt(Node owner, String key) {
        return typoFor.getOrDefault(owner, List.of()).contains(key);
    }

    List<String> stringList(Node node, String key, String what) {
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
    Map<String, Node> mapping(Node node, String what, List<String> allowed) {
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

    String requiredScalar(Map<String, Node> m, Node owner, String key, String what) {
        Node n = m.get(key);
        if (n == null) {
            if (!misspelt(owner, key)) {
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

    String scalar(Node n, String key) {
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

    static String kind(Node n) {
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

    void error(Node n, String message) {
        error(n.getStartMark(), message);
    }

    void error(Mark m, String message) {
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
