package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells boxlab that a command finished in any interactive shell of a lab: the terminal pane's,
 * {@code boxlab shell}'s in a second terminal, or a bash nested inside a namespace
 * ({@code ip netns exec netns0 bash}). No polling: every such shell runs {@code /run/boxlab/bashrc},
 * whose prompt function (exported, so nested bashes inherit it through the environment) writes one
 * line per command into the fifo {@code /run/boxlab/events} before the prompt comes back; boxlab
 * reads it on a thread of its own and hands each command to the listeners and the lab's transcript.
 *
 * <p>The same function sets the prompt to where the shell is: {@code lab-host#} on the lab host,
 * the network namespace's name ({@code netns0#}) inside one, a container's hostname inside a UTS
 * namespace of its own.
 *
 * <p>A fifo with no reader would block a writer's open, so boxlab holds it open (read-write) for
 * as long as it exists, and removes it before letting go; the lab's tmpfs takes it when the lab ends.
 */
public final class CommandHook implements AutoCloseable {
    /** One command a learner ran: in which shell (its pid in the lab), where, what, and its exit code. */
    public record Event(Instant at, int shellPid, String where, String command, int exitCode, boolean waiting) {
        /** A command from a shell that does not wait for boxlab's answer (the screen's, boxlab shell's). */
        public Event(Instant at, int shellPid, String where, String command, int exitCode) {
            this(at, shellPid, where, command, exitCode, false);
        }
    }

    /** The rc file every interactive lab shell starts with ({@code bash --rcfile}). */
    public static final String RCFILE = "/run/boxlab/bashrc";
    public static final String EVENTS = "/run/boxlab/events";
    /** A fifo the line mode's shell reads boxlab's "go on" from after each command (its BOXLAB_REPLY). */
    public static final String REPLY = "/run/boxlab/reply";
    /** What the prompt starts with, if boxlab wrote it (the line mode: the step). */
    public static final String PROMPT = "/run/boxlab/prompt";
    /** The hostname lab/root.sh gives the lab host. */
    public static final String LAB_HOST = "lab-host";

    static final String BASHRC = """
            # boxlab: every interactive shell in this lab starts here (bash --rcfile).
            # __boxlab_prompt runs before each prompt: it reports the command that just finished to
            # boxlab (/run/boxlab/events) and sets the prompt to where this shell is. Exported, so a
            # bash started inside a namespace (ip netns exec netns0 bash) has it too.
            __boxlab_prompt() {
              local rc=$? cmd where host
              read -r host < /proc/sys/kernel/hostname
              if [[ $host != lab-host ]]; then
                where=$host
              elif [[ /proc/self/ns/net -ef /proc/1/ns/net ]]; then
                where=$host
              else
                where=$(ip netns identify 2>/dev/null)
                where=${where%%$'\\n'*}
                where=${where:-netns?}
              fi
              if [[ -n $__boxlab_ran ]]; then
                __boxlab_ran=
                cmd=$(HISTTIMEFORMAT= builtin history 1)
                [[ $cmd =~ ^\\ *[0-9]+\\*?\\ +(.*)$ ]] && cmd=${BASH_REMATCH[1]}
                cmd=${cmd//$'\\n'/ }
                cmd=${cmd//$'\\t'/ }
                if [[ -p /run/boxlab/events ]]; then
                  printf '%s\\t%s\\t%s\\t%s\\t%s\\n' "$$" "$rc" "$where" "${BOXLAB_REPLY:+wait}" "${cmd:0:2000}" \\
                    >> /run/boxlab/events 2>/dev/null
                  # the line mode prints its answer between the command's output and the next prompt
                  if [[ -n $BOXLAB_REPLY && -p $BOXLAB_REPLY ]]; then read -r -t 10 _ < "$BOXLAB_REPLY"; fi
                fi
              fi
              local pre=
              [[ -r /run/boxlab/prompt ]] && read -r pre < /run/boxlab/prompt
              PS1="${pre:+$pre }"'\\[\\e[1m\\]'"$where"'\\[\\e[0m\\]# '
              # PS0 is expanded just before a command runs: the subscript's assignment marks that one ran
              PS0='${__boxlab_none[__boxlab_ran=1]}'
              return $rc
            }
            export -f __boxlab_prompt
            # boxlab's words (:hint, :next, ...) are not commands: the line mode reads them from the hook
            command_not_found_handle() {
              if [[ $1 == :* ]]; then
                [[ -n $BOXLAB_REPLY ]] || printf 'boxlab: %s is for boxlab --plain\\n' "$1" >&2
                return 0
              fi
              printf 'bash: %s: command not found\\n' "$1" >&2
              return 127
            }
            export -f command_not_found_handle
            export PROMPT_COMMAND=__boxlab_prompt
            export HISTFILE=/run/boxlab/history HISTCONTROL= TERM=${TERM:-xterm-256color}
            shopt -s checkwinsize histappend
            alias ls='ls --color=auto' grep='grep --color=auto' ip='ip -color=auto'
            [[ -r /usr/share/bash-completion/bash_completion ]] && . /usr/share/bash-completion/bash_completion
            cd /root 2>/dev/null
            """;

    private final Path fifo;
    private final RandomAccessFile reader;
    private RandomAccessFile replies;
    private final Thread thread;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private CommandHook(Path fifo, RandomAccessFile reader) {
        this.fifo = fifo;
        this.reader = reader;
        this.thread = new Thread(this::readLoop, "boxlab-command-hook");
        thread.setDaemon(true);
    }

    /**
     * Installs the rc file and the fifo in the lab whose init is {@code initPid} (reached from
     * outside through {@code /proc/PID/root}) and starts reading; events also go to {@code transcript}.
     */
    public static CommandHook install(int initPid, Transcript transcript) {
        Path root = Path.of("/proc/" + initPid + "/root");
        Path rc = root.resolve(RCFILE.substring(1));
        Path fifo = root.resolve(EVENTS.substring(1));
        try {
            Files.createDirectories(rc.getParent());
            Files.writeString(rc, BASHRC);
            Files.deleteIfExists(fifo);
            if (jnr.posix.POSIXFactory.getNativePOSIX().mkfifo(fifo.toString(), 0622) != 0) {
                throw new IOException("mkfifo " + fifo + " failed");
            }
            // read-write: opening never waits for a writer, and the fifo never reads as ended
            CommandHook hook = new CommandHook(fifo, new RandomAccessFile(fifo.toFile(), "rw"));
            if (transcript != null) {
                hook.onCommand(e -> transcript.add("terminal",
                        new CommandResult(e.command(), "", e.exitCode(), Duration.ZERO, false)));
            }
            hook.thread.start();
            return hook;
        } catch (IOException e) {
            throw new LabException("cannot set up the lab's command hook (" + fifo + "): " + e.getMessage());
        }
    }

    public void onCommand(Consumer<Event> listener) {
        listeners.add(listener);
    }

    private void readLoop() {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        try {
            while (!closed) {
                int n = reader.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.setLength(0);
                        line.append(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                        deliver(line.toString());
                    } else {
                        pending.write(buf[i]);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void deliver(String line) {
        Event e = parse(line, Instant.now());
        if (e == null || closed) {
            return;
        }
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                // one listener's failure must not stop the others or the reader
            }
        }
    }

    /**
     * Opens the reply fifo for a shell that waits for boxlab after each command (the line mode's);
     * returns the environment entry that makes a shell wait on it.
     */
    public synchronized String openReplies() {
        Path reply = fifo.resolveSibling("reply");
        try {
            Files.deleteIfExists(reply);
            if (jnr.posix.POSIXFactory.getNativePOSIX().mkfifo(reply.toString(), 0600) != 0) {
                throw new IOException("mkfifo failed");
            }
            replies = new RandomAccessFile(reply.toFile(), "rw");
            return "BOXLAB_REPLY=" + REPLY;
        } catch (IOException e) {
            throw new LabException("cannot set up the lab's reply fifo (" + reply + "): " + e.getMessage());
        }
    }

    /** Lets a waiting shell show its next prompt (after boxlab printed what it had to say). */
    public synchronized void reply() {
        try {
            if (replies != null) {
                replies.write('\n');
            }
        } catch (IOException e) {
            // the lab is gone: no shell waits any more
        }
    }

    /** What every lab shell's prompt starts with from now on (empty: nothing). */
    public void promptPrefix(String text) {
        try {
            Files.writeString(fifo.resolveSibling("prompt"), text + "\n");
        } catch (IOException e) {
            // the lab is gone
        }
    }

    /** A line of the fifo ({@code pid TAB exit TAB where TAB wait TAB command}), or null if it is not one. */
    static Event parse(String line, Instant at) {
        String[] f = line.split("\t", 5);
        if (f.length != 5) {
            return null;
        }
        try {
            return new Event(at, Integer.parseInt(f[0]), f[2], f[4], Integer.parseInt(f[1]), !f[3].isEmpty());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(fifo.resolveSibling("reply"));
            Files.deleteIfExists(fifo.resolveSibling("prompt"));
            if (replies != null) {
                replies.close();
            }
        } catch (IOException e) {
            // the lab is gone already
        }
        try {
            reader.write('\n'); // wakes the reading thread, which sees closed
        } catch (IOException e) {
            // closed already
        }
        try {
            thread.join(500);
            reader.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
