package org.rollcall.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The fonts every report embeds: Liberation Sans and Serif (SIL Open Font License 1.1, the licence is shipped
 * beside them), with a BIRT font configuration that maps every family to them. BIRT's defaults do not look into
 * Debian's font folders and alias sans-serif to a font OpenJDK lacks, so characters went missing; with these the
 * same PDF comes out on any machine. BIRT reads font folders, not jar entries, so the fonts are copied to a cache
 * folder first.
 */
final class ReportFonts {

    static final String SANS = "Liberation Sans";

    private static final String VERSION = "liberation-2.0.3";
    private static final List<String> FILES = List.of("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
            "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf", "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf", "LICENSE",
            "AUTHORS");

    private ReportFonts() {
    }

    /** Copies the fonts into {@code cache} (once per version) and returns the BIRT font configuration there. */
    static URL configuration(Path cache) {
        Path folder = cache.resolve(VERSION);
        try {
            Files.createDirectories(folder);
            for (String file : FILES) {
                Path target = folder.resolve(file);
                if (!Files.isRegularFile(target)) {
                    copy("fonts/" + file, target);
                }
            }
            Path config = folder.resolve("fontsConfig.xml");
            Files.writeString(config, configuration(folder.toAbsolutePath().toString()));
            return config.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report fonts to " + folder, e);
        }
    }

    /** The folder fonts are cached in: ~/.rollcall/fonts, or the temporary folder where the home is not writable. */
    static Path defaultCache() {
        Path home = Path.of(System.getProperty("user.home"), ".rollcall", "fonts");
        try {
            Files.createDirectories(home);
            if (Files.isWritable(home)) {
                return home;
            }
        } catch (IOException | SecurityException e) {
            // fall through to the temporary folder
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "rollcall-fonts-" + System.getProperty("user.name"));
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ReportFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the report font " + resource + " is missing from the reports bundle");
            }
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Only the shipped folder is searched, and every generic family and the fallback are Liberation. */
    private static String configuration(String folder) {
        String escaped = folder.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <font>
                  <font-aliases>
                    <mapping name="serif" font-family="Liberation Serif"/>
                    <mapping name="sans-serif" font-family="Liberation Sans"/>
                    <mapping name="monospace" font-family="Liberation Sans"/>
                    <mapping name="cursive" font-family="Liberation Serif"/>
                    <mapping name="fantasy" font-family="Liberation Serif"/>
                    <mapping name="Times-Roman" font-family="Liberation Serif"/>
                    <mapping name="Helvetica" font-family="Liberation Sans"/>
                    <mapping name="Courier" font-family="Liberation Sans"/>
                  </font-aliases>
                  <composite-font name="all-fonts" font-family="Liberation Sans">
                  </composite-font>
                  <font-paths>
                    <path path="%s"/>
                  </font-paths>
                </font>
                """.formatted(escaped);
    }
}
