package dev.boxlab.app.tui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal.CtrlCBehaviour;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

/**
 * Lanterna's Unix terminal, asking the tty driver for its size ({@code stty size}) instead of
 * moving the cursor to 5000,5000 and waiting for the terminal's position report: a terminal that
 * never answers would hold the first frame for seconds. Ctrl-C arrives as a key (boxlab decides:
 * stop the running command, or quit), and text is UTF-8 whatever the JVM's default charset.
 */
final class FastTerminal extends UnixTerminal {
    FastTerminal() throws IOException {
        this(System.out);
    }

    /** Draws to {@code out}: the terminal, or a tee that also records it. */
    FastTerminal(java.io.OutputStream out) throws IOException {
        super(System.in, out, StandardCharsets.UTF_8, CtrlCBehaviour.TRAP);
        keysNotSignals();
    }

    /**
     * Lanterna's TRAP leaves the tty turning Ctrl-Z into SIGTSTP, Ctrl-\ into SIGQUIT and Ctrl-S /
     * Ctrl-Q into flow control: the terminal pane's shell needs them as keys (job control, readline's
     * forward search), so they are plain bytes here. Lanterna puts the saved settings back at the end.
     */
    private static void keysNotSignals() {
        try {
            new ProcessBuilder("stty", "-isig", "-ixon").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no controlling terminal (tests): nothing to change
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected TerminalSize findTerminalSize() {
        TerminalSize s = sttySize();
        return s != null ? s : fromEnvironment();
    }

    static TerminalSize sttySize() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            String[] rc = out.split("\\s+");
            int rows = Integer.parseInt(rc[0]);
            int cols = Integer.parseInt(rc[1]);
            return rows > 0 && cols > 0 ? new TerminalSize(cols, rows) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static TerminalSize fromEnvironment() {
        try {
            return new TerminalSize(Integer.parseInt(System.getenv("COLUMNS")), Integer.parseInt(System.getenv("LINES")));
        } catch (RuntimeException e) {
            return new TerminalSize(80, 24);
        }
    }
}
