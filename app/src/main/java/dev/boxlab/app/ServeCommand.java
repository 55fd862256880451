package dev.boxlab.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.boxlab.app.serve.Attendees;
import dev.boxlab.app.serve.Room;
import dev.boxlab.app.serve.Server;
import dev.boxlab.app.serve.Watching;
import dev.boxlab.app.session.Progress;
import dev.boxlab.lessons.Lesson;
import dev.boxlab.lessons.LessonLibrary;
import dev.boxlab.sandbox.Host;
import dev.boxlab.sandbox.LabException;
import dev.boxlab.sandbox.LabLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code boxlab serve}: a room of attendees over SSH, each with the boxlab screen and labs of their own. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a room over SSH: each attendee who connects (ssh -p PORT NAME@HOST) gets the boxlab "
                + "screen in their own terminal, in labs of their own, and never a shell on this machine.",
                "Progress is kept per name on this machine; reconnecting lands on the same step, the lab rebuilt."},
        footer = {"", "Limits: each lab's cgroup gets a memory, process and CPU limit (cgroup v1 or v2), so one "
                + "attendee's fork bomb or memory hog cannot starve the room; the defaults share this machine among "
                + "--max-attendees.", "", "Files:",
                "  STATE-DIR/ssh_host_key        the host key (made on first start; keep it)",
                "  STATE-DIR/attendees/NAME.json each attendee's progress",
                "  RUN-DIR/class.json            the room now, for boxlab class (every 2 s)",
                "  RUN-DIR/watch.sock            boxlab class --watch asks here (root only)",
                "", "Examples:",
                "  sudo boxlab serve --passphrase tulip          any name, password tulip",
                "  sudo boxlab serve --class class.txt           a line per password or key:",
                "      alice  red-fox-42",
                "      bob    ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... bob@laptop",
                "  ssh -p 2222 alice@SERVER                      an attendee joins",
                "  sudo boxlab class                             the instructor's view"})
final class ServeCommand implements Callable<Integer> {
    static final class Who {
        @Option(names = "--passphrase", paramLabel = "WORD", required = true,
                description = "An open room: any name, this word as the password.")
        String passphrase;

        @Option(names = "--class", paramLabel = "FILE", required = true,
                description = "A class file: one line per password or key, NAME PASSWORD or NAME followed by an OpenSSH "
                        + "public key line (the attendee's id_ed25519.pub); '#' starts a comment.")
        Path classFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2222", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (every interface).")
    String bind;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "/var/lib/boxlab",
            description = "The host key and attendees' progress. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = ClassCommand.RUN_DIR,
            description = "Where the room's state is published for boxlab class. Default: ${DEFAULT-VALUE}.")
    Path runDir;

    @Option(names = "--max-attendees", paramLabel = "N", defaultValue = "30",
            description = "At most this many connected at once; the default lab limits share the machine "
                    + "among them. Default: ${DEFAULT-VALUE}.")
    int maxAttendees;

    @Option(names = "--lab-memory", paramLabel = "SIZE", description = "Memory per lab (e.g. 512M, 2G). "
            + "Default: 80%% of this machine's memory / --max-attendees, at least 256M "
            + "(here, for 30: ${sys:boxlab.serve.memory}).")
    String labMemory;

    @Option(names = "--lab-pids", paramLabel = "N", description = "Processes per lab (a fork bomb stops there). "
            + "Default: 1024.")
    Integer labPids;

    @Option(names = "--lab-cpus", paramLabel = "X", description = "CPUs per lab (1.5 is one and a half). "
            + "Default: 1 (a lab never needs more; the scheduler shares the rest).")
    Double labCpus;

    static {
        // for --help: what the default memory per lab is on this machine
        System.setProperty("boxlab.serve.memory", LabLimits.forRoom(30).describe().replaceAll(" memory.*", ""));
    }

    @ParentCommand
    BoxlabCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Attendees attendees = attendees();
        LabLimits limits = limits();
        Host.requireRoot();
        Host.preflight(java.util.List.of());
        LessonLibrary library = parent.library();
        Path progressDir = stateDir.resolve("attendees");
        Room room = new Room(progressDir);
        Path published = runDir.resolve("class.json");
        CountDownLatch stopped = new CountDownLatch(1);
        Server server;
        try {
            Files.createDirectories(progressDir);
            Files.setPosixFilePermissions(stateDir, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(runDir);
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
            server = Server.start(bind, port, stateDir.resolve("ssh_host_key"), attendees, room,
                    maxAttendees, (seat, terminal) -> screen(library, room.progressFile(seat.name()), terminal, limits,
                            seat));
        } catch (IOException e) {
            throw new LabException("cannot serve on " + bind + ":" + port + ": " + e.getMessage());
        }
        Watching watching;
        try {
            watching = Watching.listen(runDir.resolve("watch.sock"), room);
        } catch (IOException e) {
            throw new LabException("cannot listen on " + runDir.resolve("watch.sock") + ": " + e.getMessage());
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "boxlab-class");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                String said = ClassCommand.take(runDir, ClassCommand.SAY);
                if (said != null) {
                    room.broadcast(said);
                }
                String to = ClassCommand.take(runDir, ClassCommand.CATCH_UP);
                if (to != null) { // LESSON-ID STEP-INDEX, checked by boxlab class
                    String[] f = to.split(" ");
                    library.find(f[0]).ifPresent(l -> room.catchUp(l, Integer.parseInt(f[1])));
                }
                room.publish(published);
            } catch (IOException | RuntimeException e) {
                // the next round tries again
            }
        }, 0, 2, TimeUnit.SECONDS);
        // SIGTERM/SIGINT: each attendee's screen ends its lab in its own shutdown hook and gives their
        // terminal back (AttendeeScreen) before their channel closes; then serve stops listening
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            try {
                Files.deleteIfExists(published);
                watching.close();
                for (int i = 0; i < 50 && room.connected() > 0; i++) {
                    Thread.sleep(100);
                }
                server.close();
            } catch (IOException | InterruptedException e) {
                // going anyway
            }
            stopped.countDown();
        }, "boxlab-serve-stop"));
        out.printf("boxlab serve: listening on %s:%d (host key %s)%n", bind, server.port(), stateDir.resolve("ssh_host_key"));
        out.printf("attendees join with: ssh -p %d NAME@THIS-MACHINE%n", server.port());
        out.printf("each lab: %s; at most %d attendees at once%n", limits.describe(), maxAttendees);
        out.println("the room: sudo boxlab class   (Ctrl-C stops serving and ends every lab)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private Attendees attendees() {
        try {
            return who.classFile != null ? Attendees.classFile(who.classFile) : Attendees.openRoom(who.passphrase);
        } catch (IOException e) {
            throw new Errors.UsageProblem("cannot read the class file " + who.classFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageProblem(e.getMessage());
        }
    }

    private LabLimits limits() {
        if (maxAttendees < 1) {
            throw new Errors.UsageProblem("--max-attendees must be at least 1");
        }
        LabLimits room = LabLimits.forRoom(maxAttendees);
        try {
            long memory = labMemory == null ? room.memoryBytes() : LabLimits.parseSize(labMemory);
            int pids = labPids == null ? room.pids() : labPids;
            double cpus = labCpus == null ? room.cpus() : labCpus;
            if (memory < 64L * 1024 * 1024 || pids < 64 || !(cpus >= 0.1)) {
                throw new IllegalArgumentException("a lab needs at least 64M of memory, 64 processes and 0.1 CPU");
            }
            return new LabLimits(memory, pids, cpus);
        } catch (IllegalArgumentException e) {
            throw new Errors.UsageProblem(e.getMessage());
        }
    }

    /** One attendee's screen: back at the lesson and step they were on, else the lesson list. */
    private static void screen(LessonLibrary library, Path progressFile, com.googlecode.lanterna.terminal.Terminal terminal,
                               LabLimits limits, Room.Seat seat) throws IOException {
        Progress saved = Progress.load(progressFile);
        Lesson lesson = saved.last().flatMap(l -> library.find(l.lesson())).orElse(null);
        Lesson.Step step = lesson == null ? null : saved.resumeStep(lesson);
        dev.boxlab.app.tui.Tui.runOn(terminal, library.lessons(), lesson, step, () -> Progress.load(progressFile),
                dev.boxlab.app.session.KernelLabs.supply(limits), seat);
    }
}
