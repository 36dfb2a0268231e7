package org.rollcall.reports;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a report renders to, each with BIRT's emitter id and its file extension. */
public enum ReportFormat {
    PDF("pdf"),
    HTML("html"),
    /** The SpudSoft emitter BIRT ships: one sheet, cells as values a spreadsheet can compute with. */
    XLSX("xlsx");

    private final String emitter;

    ReportFormat(String emitter) {
        this.emitter = emitter;
    }

    /** BIRT's output format id, which is also the file extension. */
    public String emitter() {
        return emitter;
    }

    public String extension() {
        return emitter;
    }

    /** The format a file name asks for by its extension ({@code .htm} is HTML too). */
    public static Optional<ReportFormat> ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".htm")) {
            return Optional.of(HTML);
        }
        return Arrays.stream(values()).filter(f -> name.endsWith("." + f.extension())).findFirst();
    }

    /** The format named by a user ("pdf", "HTML"...). */
    public static Optional<ReportFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }
}
