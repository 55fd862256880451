package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lab's shell scripts, kept as files under resources (dev/boxlab/sandbox/lab/ and bin/) so
 * shellcheck and the tests read them as files: the wrapper, world and root scripts that start a lab,
 * the probes, and the lab's own command on its PATH ({@code outside}). The commands lessons use
 * (make-rootfs, build-image...) are the lessons module's, handed to {@link Lab#start(LabLimits, Map)}.
 */
final class LabScripts {
    /** Files the lab's root script writes under the lab's /run/boxlab: the probes. */
    static final List<String> PROBES = List.of("probe.sh", "probe-ns.sh", "probe-cgroups.sh");
    /** The lab's own commands on its PATH (/run/boxlab/bin). */
    static final List<String> COMMANDS = List.of("outside");
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private LabScripts() {}

    /** A resource under dev/boxlab/sandbox/, e.g. "lab/world.sh" or "bin/cgpath". */
    static String text(String name) {
        try (InputStream in = LabScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new LabException("the lab's script " + name + " is missing from the boxlab jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read the lab's script " + name + ": " + e.getMessage());
        }
    }

    /**
     * A script, run in the lab's /run/boxlab, that writes the probes, the lab's commands and {@code more}
     * commands (name to script) on its PATH: builtins and one chmod.
     */
    static String filesBundle(Map<String, String> more) {
        StringBuilder sb = new StringBuilder("mkdir -p bin\n");
        for (String p : PROBES) {
            append(sb, p, text("lab/" + p));
        }
        for (String c : COMMANDS) {
            append(sb, "bin/" + c, text("bin/" + c));
        }
        more.forEach((name, body) -> {
            if (!COMMAND_NAME.matcher(name).matches() || COMMANDS.contains(name)) {
                throw new LabException("cannot put a command named '" + name + "' on the lab's PATH");
            }
            append(sb, "bin/" + name, body);
        });
        return sb.append("chmod 755 bin/*\n").toString();
    }

    private static void append(StringBuilder sb, String path, String body) {
        sb.append("printf '%s' ").append(LabShell.ansiQuote(body)).append(" > ").append(path).append('\n');
    }
}
