package dev.boxlab.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.boxlab.sandbox.LabException;

/**
 * The commands lessons use in a lab (make-rootfs, container-pid, cgpath, build-image, oci-verify,
 * mini-build): lesson content, kept beside the lessons in this module's {@code bin/} (shellchecked and
 * tested as files), and put on the PATH of every lab started for a lesson (see
 * {@code Lab.start(LabLimits, Map)}). The lab itself only brings {@code outside}.
 */
public final class LabCommands {
    /** Every file of {@code bin/}, by name (LabCommandsTest holds the two together). */
    public static final List<String> NAMES = List.of("container-pid", "make-rootfs", "cgpath", "build-image",
            "oci-verify", "mini-build");

    private static volatile Map<String, String> all;

    private LabCommands() {}

    /** Name to script, for a lab's PATH. */
    public static Map<String, String> all() {
        Map<String, String> m = all;
        if (m == null) {
            Map<String, String> read = new LinkedHashMap<>();
            NAMES.forEach(n -> read.put(n, text(n)));
            all = m = Map.copyOf(read);
        }
        return m;
    }

    /** One command's script. */
    public static String text(String name) {
        try (InputStream in = LabCommands.class.getResourceAsStream("bin/" + name)) {
            if (in == null) {
                throw new LabException("the lessons' command " + name + " is missing from the boxlab jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot read the lessons' command " + name + ": " + e.getMessage());
        }
    }
}
