package dev.boxlab.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A lab some boxlab process is running, found from outside it (for {@code boxlab shell} in a second
 * terminal): its init shows in /proc as {@code boxlab-lab-<id>}.
 */
public record RunningLab(String id, long initPid, Instant started) {

    /** The command line that opens a shell (or runs {@code command}) inside this lab, as the learner's shell does. */
    public List<String> shellCommand(String command) {
        return shellCommand(command, System.getenv().getOrDefault("TERM", "xterm"));
    }

    /**
     * The same for a terminal of type {@code term}. An interactive shell starts with the lab's
     * {@link CommandHook#RCFILE} when boxlab installed one: its prompt says where the shell is and
     * every command it runs is reported to boxlab.
     */
    public List<String> shellCommand(String command, String term) {
        List<String> cmd = new ArrayList<>(List.of("env", "-i"));
        cmd.addAll(Lab.interactiveEnvironment().stream().map(e -> e.startsWith("TERM=") ? "TERM=" + term : e).toList());
        if (command == null && Files.isReadable(Path.of("/proc/" + initPid + "/root" + CommandHook.RCFILE))) {
            cmd.addAll(List.of("bash", "--noprofile", "--rcfile", CommandHook.RCFILE, "-i"));
        } else if (command == null) {
            cmd.addAll(List.of("bash", "--noprofile", "--norc", "-i"));
        } else {
            cmd.addAll(List.of("bash", "--noprofile", "--norc", "-c", command));
        }
        return LabEntry.command(initPid, cmd);
    }

    /** Every running lab on this machine, oldest first. */
    public static List<RunningLab> find() {
        List<RunningLab> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.startsWith(Lab.INIT_PREFIX)) {
                        String id = cmd.substring(Lab.INIT_PREFIX.length()).split("[\\s\\x00]")[0];
                        long pid = Long.parseLong(p.getFileName().toString());
                        Instant start = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).orElse(Instant.EPOCH);
                        // a lab's init lives in namespaces of its own; anything else with that name is not a lab
                        if (!Files.readSymbolicLink(p.resolve("ns/net")).toString().equals(Host.ownNamespace("net"))) {
                            out.add(new RunningLab(id, pid, start));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a process that ended while we looked
                }
            });
        } catch (IOException e) {
            throw new LabException("cannot list /proc: " + e.getMessage());
        }
        out.sort((a, b) -> a.started().compareTo(b.started()));
        return out;
    }

    /** How long ago the lab started, in words. */
    public String age() {
        Duration d = Duration.between(started, Instant.now());
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
    }
}
