package dev.boxlab.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The lab's processes as boxlab holds them: the wrapper it starts (wrapper.sh), which becomes the
 * world (world.sh), which starts the lab init (root.sh). boxlab keeps the write end of a pipe that
 * the world and the lab init read; closing it, or boxlab's death however it dies, ends them both.
 *
 * <p>Start-up speaks a line protocol on the wrapper's stdout: {@code STEP name} as each step
 * begins, {@code FAIL step (script line N: command)} when one fails, {@code READY} at the end.
 */
final class LabProcess {
    static final String WORLD_PREFIX = "boxlab-world-";
    private static final long START_TIMEOUT_MS = Timeouts.scaled(java.time.Duration.ofSeconds(60)).toMillis(); // a bound for a stuck start, not a goal

    private final String id;
    private final Process wrapper;
    private final int initPid;
    private final CompletableFuture<Void> ended;

    private LabProcess(String id, Process wrapper, int initPid, CompletableFuture<Void> ended) {
        this.id = id;
        this.wrapper = wrapper;
        this.initPid = initPid;
        this.ended = ended;
    }

    /** Starts the lab's processes; {@code commands} go on its PATH beside its own (see {@link LabScripts#filesBundle}). */
    static LabProcess start(String id, LabCgroups cgroups, Map<String, String> commands) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "eval \"$BOXLAB_WRAPPER\"", "boxlab-labwrap-" + id));
        cgroups.dirs().forEach(d -> cmd.add(d.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BOXLAB_LAB_ID", id);
        env.put("BOXLAB_OWNER", Long.toString(ProcessHandle.current().pid()));
        env.put("BOXLAB_CGROUPS", cgroups.layout().setupWords());
        env.put("BOXLAB_DROP_CAPS", LabEntry.dropWords());
        env.put("BOXLAB_WRAPPER", LabScripts.text("lab/wrapper.sh"));
        env.put("BOXLAB_WORLD", LabScripts.text("lab/world.sh"));
        env.put("BOXLAB_ROOT", LabScripts.text("lab/root.sh"));
        env.put("BOXLAB_FILES", LabScripts.filesBundle(commands));
        Process wrapper;
        try {
            wrapper = pb.start();
        } catch (IOException e) {
            throw new LabException("lab setup failed at step \"start the lab (bash)\": " + e.getMessage());
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(wrapper, ready, ended), "lab-" + id);
        reader.setDaemon(true);
        reader.start();
        LabProcess lab = null;
        try {
            String failure = ready.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (failure != null) {
                throw new LabException(failure);
            }
            lab = new LabProcess(id, wrapper, findInit(wrapper, id), ended);
            return lab;
        } catch (TimeoutException e) {
            throw fail(wrapper, ended, new LabException("lab setup failed: the lab was not ready within "
                    + START_TIMEOUT_MS / 1000 + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(wrapper, ended, new LabException("lab setup was interrupted"));
        } catch (ExecutionException e) {
            throw fail(wrapper, ended, new LabException("lab setup failed: " + e.getCause()));
        } catch (LabException e) {
            throw fail(wrapper, ended, e);
        }
    }

    private static LabException fail(Process wrapper, CompletableFuture<Void> ended, LabException e) {
        end(wrapper, ended, 2000);
        return e;
    }

    /** Reads the protocol until READY, then the rest (nothing, normally) until the world ends. */
    private static void read(Process wrapper, CompletableFuture<String> ready, CompletableFuture<Void> ended) {
        String step = "start the lab";
        List<String> detail = new ArrayList<>();
        String failed = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(wrapper.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (ready.isDone()) {
                    continue;
                }
                if (line.equals("READY")) {
                    ready.complete(null);
                } else if (line.startsWith("STEP ")) {
                    step = line.substring(5);
                } else if (line.startsWith("FAIL ")) {
                    failed = failed == null ? line.substring(5) : failed;
                } else if (!line.isBlank()) {
                    detail.add(line);
                }
            }
        } catch (IOException e) {
            // the wrapper is gone
        }
        if (!ready.isDone()) {
            String why = failed != null ? failed : step + " (the lab ended)";
            ready.complete("lab setup failed at step \"" + why + "\""
                    + (detail.isEmpty() ? "" : ":\n" + String.join("\n", detail.subList(Math.max(0, detail.size() - 12), detail.size()))));
        }
        ended.complete(null);
    }

    /**
     * The lab init among the wrapper's descendants, by its name: it takes the name a moment after
     * its root is ready, as its last exec.
     */
    private static int findInit(Process wrapper, String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        do {
            // only the wrapper's processes are read (ProcessHandle.descendants() reads the machine's)
            var init = Descendants.of(wrapper.toHandle()).stream().filter(p -> cmdline(p).startsWith(Lab.INIT_PREFIX + id)).findFirst();
            if (init.isPresent()) {
                return (int) (long) init.get();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline && wrapper.isAlive());
        throw new LabException("lab setup failed at step \"find the lab init\": it is not running");
    }

    static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    int initPid() {
        return initPid;
    }

    String id() {
        return id;
    }

    boolean isAlive() {
        return !ended.isDone() && ProcessHandle.of(initPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Ends the lab: closes the pipe, so the world and the lab init read end-of-file and exit, and the
     * kernel ends every other process in them. Waits for the wrapper, which removes the cgroups, at
     * most {@code waitMillis}: past that, it finishes on its own (it ignores the signals that end a
     * terminal's processes) while boxlab goes on exiting.
     */
    void end(long waitMillis) {
        end(wrapper, ended, waitMillis);
    }

    private static void end(Process wrapper, CompletableFuture<Void> ended, long waitMillis) {
        try {
            wrapper.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!wrapper.waitFor(waitMillis, TimeUnit.MILLISECONDS) && waitMillis >= 2000) {
                // a world that did not end on end-of-file within seconds: something is badly wrong
                wrapper.descendants().forEach(ProcessHandle::destroyForcibly);
                wrapper.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean ended() {
        return !wrapper.isAlive();
    }
}
