package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** What boxlab needs from the machine it runs on, and clear words when something is missing. */
public final class Host {
    /** Tool on the PATH -> the Debian package that provides it. */
    public static final Map<String, String> PACKAGES = new LinkedHashMap<>();

    static {
        // the one list of tools and packages, shared with scripts/lib.sh
        try (var in = Host.class.getResourceAsStream("tools.txt")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] w = line.strip().split("\\s+");
                if (w.length == 2 && !w[0].startsWith("#")) {
                    PACKAGES.put(w[0], w[1]);
                }
            }
        } catch (java.io.IOException | NullPointerException e) {
            throw new ExceptionInInitializerError("tools.txt is missing from the jar: " + e);
        }
    }

    /** The tools every lab needs before any lesson asks for more. */
    public static final List<String> LAB_TOOLS = List.of("ip", "iptables", "iptables-save", "nft", "unshare", "nsenter", "mount", "bash",
            "busybox", "setpriv");

    private static final String SEARCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Host() {}

    private static volatile POSIX posix;

    private static POSIX posix() {
        if (posix == null) {
            posix = POSIXFactory.getNativePOSIX();
        }
        return posix;
    }

    public static boolean isRoot() {
        // /proc/self/status says it without loading jnr (its native stubs cost a start hundreds of ms)
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).strip().split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: ask libc
        }
        return posix().geteuid() == 0;
    }

    /** Fails with a message that says how to run boxlab as root. */
    public static void requireRoot() {
        if (!isRoot()) {
            throw new LabException("boxlab needs root to build namespaces, veth pairs and iptables rules "
                    + "(in a lab of its own, never on your machine's network).\n"
                    + "Run it with sudo, for example: sudo scripts/boxlab " + "--lesson networking");
        }
    }

    public static Path which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":" + SEARCH_PATH;
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** Each tool that is missing, with the package that provides it. Empty when all are there. */
    public static List<String> missingTools(List<String> tools) {
        List<String> missing = new ArrayList<>();
        for (String t : tools) {
            if (which(t) == null) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** A message naming each missing tool and the one command that installs them, or null if none is missing. */
    public static String missingToolsMessage(List<String> tools) {
        List<String> missing = missingTools(tools);
        if (missing.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("missing tools:\n");
        List<String> pkgs = new ArrayList<>();
        for (String t : missing) {
            String pkg = PACKAGES.getOrDefault(t, t);
            sb.append("  ").append(t).append("  (Debian package ").append(pkg).append(")\n");
            if (!pkgs.contains(pkg)) {
                pkgs.add(pkg);
            }
        }
        sb.append("install them with:  sudo apt-get install -y ").append(String.join(" ", pkgs));
        return sb.toString();
    }

    /** Everything a lab needs: root, the tools, the kernel's namespaces. Throws one message listing every problem. */
    public static void preflight(List<String> extraTools) {
        List<String> problems = new ArrayList<>();
        if (!isRoot()) {
            problems.add("not running as root: run boxlab with sudo (sudo scripts/boxlab ...)");
        }
        List<String> tools = new ArrayList<>(LAB_TOOLS);
        for (String t : extraTools) {
            if (!tools.contains(t)) {
                tools.add(t);
            }
        }
        String missing = missingToolsMessage(tools);
        if (missing != null) {
            problems.add(missing);
        }
        for (String ns : List.of("net", "mnt", "pid", "uts", "ipc", "cgroup")) {
            if (!Files.exists(Path.of("/proc/self/ns", ns))) {
                problems.add("this kernel has no " + ns + " namespaces (/proc/self/ns/" + ns
                        + " is missing): boxlab needs a Linux kernel built with CONFIG_NAMESPACES");
            }
        }
        if (!problems.isEmpty()) {
            throw new LabException("boxlab cannot start a lab here:\n- " + String.join("\n- ", problems));
        }
    }

    /** This process's namespace of a kind ("net:[4026531840]"): the machine's own, which a lab must never be. */
    public static String ownNamespace(String kind) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns", kind)).toString();
        } catch (IOException e) {
            throw new LabException("cannot read /proc/self/ns/" + kind + ": " + e.getMessage());
        }
    }
}
