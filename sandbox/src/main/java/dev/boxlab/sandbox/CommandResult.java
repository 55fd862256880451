package dev.boxlab.sandbox;

import java.time.Duration;

/** One command run in a lab shell: what ran, what it printed (stdout and stderr merged), how it ended. */
public record CommandResult(String command, String output, int exitCode, Duration duration, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
