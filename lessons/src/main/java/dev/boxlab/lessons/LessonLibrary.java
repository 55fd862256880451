package dev.boxlab.lessons;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The lessons boxlab knows: those built into the jar (lessons/*.yaml at build time), and those in a
 * directory an author points at, which win over built-in ones with the same id.
 */
public final class LessonLibrary {
    private static final String BUILTIN = "dev/boxlab/lessons/builtin/";

    private final List<Lesson> lessons;

    private LessonLibrary(List<Lesson> lessons) {
        this.lessons = lessons;
    }

    /** Loads every lesson; a broken file fails the whole load with its errors. */
    public static LessonLibrary load(Path extraDir) {
        Map<String, Lesson> byId = new LinkedHashMap<>();
        for (Lesson l : builtin()) {
            byId.put(l.id(), l);
        }
        if (extraDir != null) {
            try (Stream<Path> files = Files.list(extraDir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    Lesson l = LessonLoader.load(p);
                    byId.put(l.id(), l);
                }
            } catch (IOException e) {
                throw new LessonFileException(List.of(new LessonError(extraDir.toString(), 1, 1,
                        "cannot list lesson directory: " + e.getMessage())));
            }
        }
        List<Lesson> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparingInt(Lesson::order).thenComparing(Lesson::id));
        return new LessonLibrary(List.copyOf(all));
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    public Optional<Lesson> find(String id) {
        return lessons.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private static List<Lesson> builtin() {
        List<Lesson> out = new ArrayList<>();
        for (String name : builtinNames()) {
            try (InputStream in = LessonLibrary.class.getClassLoader().getResourceAsStream(BUILTIN + name)) {
                if (in != null) {
                    out.add(LessonLoader.parse("lessons/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new LessonFileException(List.of(new LessonError("lessons/" + name, 1, 1, e.getMessage())));
            }
        }
        return out;
    }

    /** The file names under the built-in lesson folder, whether it is in a jar or a build directory. */
    private static List<String> builtinNames() {
        List<String> names = new ArrayList<>();
        try {
            var location = LessonLibrary.class.getProtectionDomain().getCodeSource().getLocation();
            Path where = Path.of(location.toURI());
            if (Files.isDirectory(where)) {
                Path dir = where.resolve(BUILTIN);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(names::add);
                    }
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    Enumeration<JarEntry> e = jar.entries();
                    while (e.hasMoreElements()) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(BUILTIN) && n.endsWith(".yaml") && n.indexOf('/', BUILTIN.length()) < 0) {
                            names.add(n.substring(BUILTIN.length()));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no code source to list: only lessons from a directory
        }
        names.sort(null);
        return names;
    }
}
