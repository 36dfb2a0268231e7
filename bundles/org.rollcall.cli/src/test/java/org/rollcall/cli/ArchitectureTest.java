package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of the house (README, "Architecture"): a bundle depends only on bundles in layers below its own, so that
 * what sits above the engine (analysis, reports, the server) adds to it through its seams and never the other way.
 * Read from every bundle's MANIFEST.MF (Require-Bundle, Import-Package) and every plain jar's pom, so a new
 * dependency that points upward fails the build.
 */
class ArchitectureTest {

    /** The layer of each bundle; a new bundle must be placed here (and in the README's table) before it builds. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(Map.entry("org.rollcall.model", 0),
            Map.entry("org.rollcall.rules", 1), Map.entry("org.rollcall.store", 2),
            Map.entry("org.rollcall.synthetic", 3), Map.entry("org.rollcall.sources", 3),
            Map.entry("org.rollcall.engine", 4), Map.entry("org.rollcall.analysis", 5),
            Map.entry("org.rollcall.reports", 5), Map.entry("org.rollcall.server", 5),
            Map.entry("org.rollcall.cli", 6), Map.entry("org.rollcall.ui", 6));

    /** Test bundles and the test-support jar may use any layer. */
    static boolean isTestSupport(String bundle) {
        return bundle.endsWith(".tests") || bundle.equals("org.rollcall.testing");
    }

    static final Path BUNDLES = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noBundleDependsOnABundleAboveIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path dir : bundleDirs()) {
            String bundle = dir.getFileName().toString();
            if (isTestSupport(bundle)) {
                continue;
            }
            assertTrue(LAYERS.containsKey(bundle), bundle + " has no layer: place it in ArchitectureTest.LAYERS "
                    + "and in the README's bundle table");
            for (String used : dependencies(dir)) {
                if (used.equals(bundle)) {
                    continue;
                }
                Integer layer = LAYERS.get(used);
                if (layer == null || layer >= LAYERS.get(bundle)) {
                    violations.add(bundle + " (layer " + LAYERS.get(bundle) + ") depends on " + used + " (layer "
                            + layer + ")");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theReadmeTableListsEveryBundle() throws IOException {
        String readme = Files.readString(BUNDLES.resolve("../README.md"));
        for (Path dir : bundleDirs()) {
            String bundle = dir.getFileName().toString();
            if (!bundle.endsWith(".tests")) {
                assertTrue(readme.contains("| `" + bundle + "` |"), "README's bundle table lacks " + bundle);
            }
        }
    }

    @Test
    void theCheckSeesAnUpwardDependency() {
        // the rule itself: the engine may use the store, the store may not use the engine
        assertTrue(LAYERS.get("org.rollcall.store") < LAYERS.get("org.rollcall.engine"));
        assertTrue(dependenciesOf("Require-Bundle: org.rollcall.engine;bundle-version=\"0.1.0\",\n "
                + "org.rollcall.model\nImport-Package: org.rollcall.sources.spi;version=\"1.0\",org.sqlite\n")
                .containsAll(List.of("org.rollcall.engine", "org.rollcall.model", "org.rollcall.sources")));
    }

    static List<Path> bundleDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(BUNDLES)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("org.rollcall.")
                    && (Files.exists(d.resolve("META-INF/MANIFEST.MF")) || Files.exists(d.resolve("pom.xml"))))
                    .sorted().toList();
        }
    }

    /** The RollCall bundles a module uses: from its manifest when it is an OSGi bundle, else from its pom. */
    static TreeSet<String> dependencies(Path dir) throws IOException {
        Path manifest = dir.resolve("META-INF/MANIFEST.MF");
        if (Files.exists(manifest)) {
            return dependenciesOf(Files.readString(manifest));
        }
        TreeSet<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("<artifactId>(org\\.rollcall\\.[a-z.]+)</artifactId>\\s*<version>[^<]*</version>"
                + "(?!\\s*<scope>test)").matcher(Files.readString(dir.resolve("pom.xml")));
        while (m.find()) {
            used.add(m.group(1));
        }
        // the module's own artifactId is not a dependency
        used.remove(dir.getFileName().toString());
        return used;
    }

    static TreeSet<String> dependenciesOf(String manifestText) {
        TreeSet<String> used = new TreeSet<>();
        try (InputStream in = new java.io.ByteArrayInputStream((manifestText.endsWith("\n") ? manifestText
                : manifestText + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            Manifest manifest = new Manifest(in);
            for (String header : List.of("Require-Bundle", "Import-Package")) {
                String value = manifest.getMainAttributes().getValue(header);
                if (value == null) {
                    continue;
                }
                Matcher m = Pattern.compile("(?:^|,)\\s*(org\\.rollcall\\.[a-z0-9.]+)").matcher(value);
                while (m.find()) {
                    used.add(owner(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return used;
    }

    /** The bundle that owns a package: the longest bundle name it starts with. */
    static String owner(String name) {
        return LAYERS.keySet().stream().filter(b -> name.equals(b) || name.startsWith(b + "."))
                .max(java.util.Comparator.comparingInt(String::length)).orElse(name);
    }
}
