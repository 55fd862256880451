package dev.boxlab.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Layer directories and what is in them: the sizes the image lessons measure with {@code du}, the
 * files a step added, the whiteouts a delete left. Two ways in:
 * <ul>
 *   <li>{@link #stacks}: every overlay mount a process of the lab sees, each with its lower layers
 *       (top first) and its upper dir, read;</li>
 *   <li>{@link #dirs}: any directories by path, mounted or not (a build's {@code /tmp/bloat/l1}
 *       after its step unmounted it).</li>
 * </ul>
 * One probe command per call, run in the lab's probe shell; a directory that does not exist comes
 * back with {@code exists() == false} rather than failing the call.
 */
public final class Layers {
    private Layers() {}

    /** How many entries of one directory are listed; totals always count them all. */
    public static final int MAX_ENTRIES = 200;

    public enum Kind { FILE, DIR, LINK, WHITEOUT, OTHER }

    /** One entry of a layer directory, its path relative to the directory. */
    public record Entry(String path, Kind kind, long bytes) {}

    /**
     * A directory: total bytes of its regular files (apparent size, what {@code du -sb} counts),
     * how many entries it holds below it, how many are whiteouts, and the first
     * {@link #MAX_ENTRIES} entries in path order.
     */
    public record LayerDir(String path, boolean exists, long bytes, int entryCount, int whiteouts, List<Entry> entries) {
        public boolean truncated() {
            return entries.size() < entryCount;
        }
    }

    /** True for the overlays the lab's root is made of (see lab/root.sh). */
    static boolean isLabRoot(LabState.MountEntry m) {
        return m.source() != null && m.source().startsWith("boxlab-root");
    }

    /** An overlay mount: where it is mounted, its read-only layers top first, its upper dir (null for a read-only stack). */
    public record Stack(String mountPoint, List<LayerDir> lowers, LayerDir upper) {}

    /** Every overlay mount in the mount table of a process of the lab (null: the lab host), each with its layers read. */
    public static List<Stack> stacks(LabPort lab, Integer pidInLab) {
        // the lab's own root (boxlab-root, lower layer: the machine's /) is the lab's, not a lesson's
        List<LabState.MountEntry> overlays = lab.mounts(pidInLab).stream().filter(m -> "overlay".equals(m.fsType()))
                .filter(m -> !isLabRoot(m)).toList();
        List<String> paths = new ArrayList<>();
        for (LabState.MountEntry m : overlays) {
            Map<String, String> d = m.overlayDirs();
            for (String l : lowerDirs(d)) {
                paths.add(l);
            }
            if (d.containsKey("upperdir")) {
                paths.add(d.get("upperdir"));
            }
        }
        List<LayerDir> read = dirs(lab, paths);
        List<Stack> out = new ArrayList<>();
        int i = 0;
        for (LabState.MountEntry m : overlays) {
            Map<String, String> d = m.overlayDirs();
            List<LayerDir> lowers = new ArrayList<>();
            for (int n = lowerDirs(d).size(); n > 0; n--) {
                lowers.add(read.get(i++));
            }
            LayerDir upper = d.containsKey("upperdir") ? read.get(i++) : null;
            out.add(new Stack(m.mountPoint(), List.copyOf(lowers), upper));
        }
        return out;
    }

    /** The given directories, read in one probe, in the order given. */
    public static List<LayerDir> dirs(LabPort lab, List<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        StringBuilder cmd = new StringBuilder("bash -c ").append(quote(PROBE)).append(" layers");
        for (String p : paths) {
            cmd.append(' ').append(quote(p));
        }
        CommandResult r = lab.probe(cmd.toString(), Duration.ofSeconds(10));
        if (r.timedOut()) {
            throw new LabException("reading layer directories timed out");
        }
        return parse(r.output());
    }

    /** lowerdir=/a:/b, top first; overlay escapes a ':' inside a path as "\:". */
    static List<String> lowerDirs(Map<String, String> overlayDirs) {
        String lower = overlayDirs.get("lowerdir");
        List<String> out = new ArrayList<>();
        if (lower == null || lower.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\\' && i + 1 < lower.length()) {
                cur.append(lower.charAt(++i));
            } else if (c == ':') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /**
     * Per directory: a header, then one line per entry (type, size, path; a character device's
     * major:minor in place of its size, so 0:0 marks a whiteout), sorted, at most MAX_ENTRIES, then
     * the totals. find's %y: f file, d dir, l link, c char device.
     */
    static final String PROBE = """
            for d in "$@"; do
              printf '\\036LAYER %s\\n' "$d"
              if [ ! -d "$d" ]; then echo MISSING; continue; fi
              ( cd "$d" || exit
                { find . -mindepth 1 ! -type c -printf '%y\\t%s\\t%P\\n'
                  find . -mindepth 1 -type c -exec stat --printf 'c\\t%t:%T\\t%n\\n' {} +
                } 2>/dev/null | sed 's|\\t\\./|\\t|' | sort -t "$(printf '\\t')" -k3 | head -n %MAX%
                printf 'TOTAL\\t%s\\t%s\\t%s\\n' \\
                  "$(find . -mindepth 1 -type f -printf '%s\\n' 2>/dev/null | awk '{s+=$1} END {print s+0}')" \\
                  "$(find . -mindepth 1 2>/dev/null | wc -l)" \\
                  "$(find . -mindepth 1 -type c -exec stat --printf '%t:%T\\n' {} + 2>/dev/null | grep -c '^0:0$')" )
            done
            """.replace("%MAX%", Integer.toString(MAX_ENTRIES));

    /** Reads the probe's output (unit-tested on captured text). */
    static List<LayerDir> parse(String text) {
        List<LayerDir> out = new ArrayList<>();
        for (String section : text.split("\u001e")) {
            if (!section.startsWith("LAYER ")) {
                continue;
            }
            String[] lines = section.split("\n");
            String path = lines[0].substring("LAYER ".length());
            if (lines.length > 1 && lines[1].equals("MISSING")) {
                out.add(new LayerDir(path, false, 0, 0, 0, List.of()));
                continue;
            }
            List<Entry> entries = new ArrayList<>();
            long bytes = 0;
            int count = 0;
            int whiteouts = 0;
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", lines[i].startsWith("TOTAL\t") ? -1 : 3);
                if (f[0].equals("TOTAL") && f.length >= 4) {
                    bytes = parseLong(f[1]);
                    count = (int) parseLong(f[2]);
                    whiteouts = (int) parseLong(f[3]);
                    continue;
                }
                if (f.length < 3 || f[2].isEmpty()) {
                    continue;
                }
                Kind kind = switch (f[0]) {
                    case "f" -> Kind.FILE;
                    case "d" -> Kind.DIR;
                    case "l" -> Kind.LINK;
                    case "c" -> "0:0".equals(f[1]) ? Kind.WHITEOUT : Kind.OTHER;
                    default -> Kind.OTHER;
                };
                entries.add(new Entry(f[2], kind, f[0].equals("c") ? 0 : parseLong(f[1])));
            }
            out.add(new LayerDir(path, true, bytes, count, whiteouts, List.copyOf(entries)));
        }
        return out;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
