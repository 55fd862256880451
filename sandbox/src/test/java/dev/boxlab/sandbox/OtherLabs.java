package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Labs that other, still running boxlab processes own: someone else's lab open on the same machine
 * while the tests run. What they hold is theirs, not a leftover of ours. A lab whose owner has
 * died is not "other": whatever it left is a leak and counts.
 *
 * <p>Which labs those are is decided in one place, {@code other_labs} in {@code scripts/lib.sh}
 * (a lab's wrapper carries its owner's pid in BOXLAB_OWNER; a lab is ours when that owner is this
 * process or one of its descendants), which {@code scripts/test} asks too.
 */
record OtherLabs(Set<String> ids, Set<Long> pids) {
    static OtherLabs find() {
        Set<String> ids = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        String out = otherLabs(ProcessHandle.current().pid());
        for (String line : out.split("\n")) {
            if (line.startsWith("id ")) {
                ids.add(line.substring(3).strip());
            } else if (line.startsWith("pid ")) {
                pids.add(Long.parseLong(line.substring(4).strip()));
            }
        }
        return new OtherLabs(ids, pids);
    }

    /** What {@code other_labs SELF} prints: "id ID" and "pid PID" lines. */
    private static String otherLabs(long self) {
        Path lib = libSh();
        try {
            Process p = new ProcessBuilder("bash", "-c", ". \"$1\" && other_labs \"$2\"", "other_labs", lib.toString(),
                    String.valueOf(self)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("other_labs (" + lib + ") exited with " + p.exitValue());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run other_labs from " + lib, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking other_labs", e);
        }
    }

    /** scripts/lib.sh of this checkout, found from the module the tests run in. */
    private static Path libSh() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/lib.sh"))) {
                return dir.resolve("scripts/lib.sh");
            }
        }
        throw new IllegalStateException("no scripts/lib.sh above " + Path.of("").toAbsolutePath());
    }

    boolean ownsProcess(long pid) {
        return pids.contains(pid);
    }

    boolean ownsCgroup(String dir) {
        if (ids.isEmpty()) {
            return false;
        }
        // the parent every lab shares comes and goes with the other labs too
        return dir.endsWith("/boxlab") || ids.stream().anyMatch(id -> dir.contains("/boxlab/" + id));
    }
}
