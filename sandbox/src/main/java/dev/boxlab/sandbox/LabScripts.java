package dev.boxlab.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lab's shell scripts, kept as files under resources (dev/boxlab/sandbox/lab/ and bin/) so
 * shellcheck and the tests read them as files: the wrapper, world and root scripts that start a lab,
 * the probes, and the commands on the lab's PATH.
 */
final class LabScripts {
    /** Files the lab's root script writes under the lab's /run/boxlab: the probes. */
    static final List<String> PROBES = List.of("probe.sh", "probe-ns.sh", "probe-cgroups.sh");
    /** Commands on the lab's PATH (/run/boxlab/bin). */
    static final List<String> COMMANDS = List.of("outside", "container-pid", "make-rootfs", "cgpath", "build-image",
            "oci-verify", "mini-build");

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

    /** A script, run in the lab's /run/boxlab, that writes the probes and the commands (builtins and one chmod). */
    static String filesBundle() {
        StringBuilder sb = new StringBuilder("mkdir -p bin\n");
        for (String p : PROBES) {
            append(sb, p, text("lab/" + p));
        }
        for (String c : COMMANDS) {
            append(sb, "bin/" + c, text("bin/" + c));
        }
        return sb.append("chmod 755 bin/*\n").toString();
    }

    private static void append(StringBuilder sb, String path, String body) {
        sb.append("printf '%s' ").append(LabShell.ansiQuote(body)).append(" > ").append(path).append('\n');
    }
}
