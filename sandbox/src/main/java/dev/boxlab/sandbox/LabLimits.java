package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one lab may use, so that one learner's fork bomb or memory hog cannot starve the others on
 * a shared machine ({@code boxlab serve}): memory, processes and CPU, written on the lab's own
 * cgroup ({@code boxlab/<id>} in each hierarchy) before anything runs in it. Everything in the lab,
 * including the cgroups a lesson makes inside it, is bound by them. Zero means no limit.
 *
 * <p>cgroup v2: {@code memory.max}, {@code pids.max}, {@code cpu.max}; v1: {@code
 * memory.limit_in_bytes}, {@code pids.max}, {@code cpu.cfs_period_us} and {@code cpu.cfs_quota_us}.
 * Each is written where its file exists, so one call serves whichever hierarchy a directory is.
 */
public record LabLimits(long memoryBytes, int pids, double cpus) {
    public static final LabLimits NONE = new LabLimits(0, 0, 0);
    private static final long MIB = 1024L * 1024;
    private static final long CPU_PERIOD_US = 100_000;

    /**
     * Defaults for a room of {@code attendees} on this machine: 80% of its memory shared out (at
     * least 256 MiB a lab), 1024 processes, and one CPU at most (a lab never needs more; the
     * scheduler shares the rest fairly).
     */
    public static LabLimits forRoom(int attendees) {
        return forRoom(attendees, machineMemory(), Runtime.getRuntime().availableProcessors());
    }

    static LabLimits forRoom(int attendees, long memory, int cores) {
        long share = memory / 10 * 8 / Math.max(1, attendees);
        return new LabLimits(Math.max(256 * MIB, share / MIB * MIB), 1024, Math.min(1, cores));
    }

    /** Writes the limits into one of the lab's cgroup directories. */
    public void apply(Path dir) throws IOException {
        if (memoryBytes > 0) {
            writeIfThere(dir, "memory.max", Long.toString(memoryBytes));
            writeIfThere(dir, "memory.limit_in_bytes", Long.toString(memoryBytes));
        }
        if (pids > 0) {
            writeIfThere(dir, "pids.max", Integer.toString(pids));
        }
        if (cpus > 0) {
            long quota = Math.max(1000, Math.round(cpus * CPU_PERIOD_US));
            writeIfThere(dir, "cpu.max", quota + " " + CPU_PERIOD_US);
            writeIfThere(dir, "cpu.cfs_period_us", Long.toString(CPU_PERIOD_US));
            writeIfThere(dir, "cpu.cfs_quota_us", Long.toString(quota));
        }
    }

    private static void writeIfThere(Path dir, String file, String value) throws IOException {
        Path p = dir.resolve(file);
        if (Files.exists(p)) {
            Files.writeString(p, value);
        }
    }

    /** "768 MiB memory, 1024 processes, 1 CPU" (or "no limits"). */
    public String describe() {
        if (equals(NONE)) {
            return "no limits";
        }
        return (memoryBytes > 0 ? size(memoryBytes) + " memory" : "memory unlimited") + ", "
                + (pids > 0 ? pids + " processes" : "processes unlimited") + ", "
                + (cpus > 0 ? String.format(Locale.ROOT, "%s CPU", cpus == Math.rint(cpus) ? Long.toString((long) cpus)
                        : Double.toString(cpus)) : "CPU unlimited");
    }

    /** "512M", "2G", "1.5G", "300000000" (bytes) into bytes. */
    public static long parseSize(String text) {
        Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(?:i?[bB])?").matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 512M, 2G)");
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1024L;
            case "m" -> MIB;
            case "g" -> 1024 * MIB;
            default -> 1L;
        };
        return Math.round(n * unit);
    }

    static String size(long bytes) {
        return bytes % (1024 * MIB) == 0 ? bytes / (1024 * MIB) + " GiB" : bytes / MIB + " MiB";
    }

    /** MemTotal from /proc/meminfo, or 4 GiB when it cannot be read. */
    static long machineMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // below
        }
        return 4096 * MIB;
    }
}
