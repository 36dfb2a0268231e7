package org.rollcall.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Mapping presets shipped with RollCall for typical SIS exports: starting points to copy and complete (school
 * numbers, local codes), each a YAML mapping in the bundle's {@code presets/} folder.
 */
public final class Presets {

    /** The presets there are, by name. */
    public static final List<String> NAMES = List.of("daily-attendance-csv", "daily-attendance-tab-latin1",
            "daily-attendance-fixed-width", "students-csv", "enrollments-csv", "dataquest-chronic-absenteeism", "edfi-attendance-events",
            "edfi-students", "edfi-student-school-associations",
            "calpads-senr", "calpads-sinf", "calpads-stas", "attendance-recovery-csv",
            "edfi-ods-students", "edfi-ods-enrollments", "edfi-ods-attendance-events");

    /** How a mapping argument names a preset: {@code preset:daily-attendance-csv}. */
    public static final String PREFIX = "preset:";

    private Presets() {
    }

    /** The preset's YAML text. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new SourceException("There is no mapping preset '" + name + "'; there are: " + String.join(", ", NAMES));
        }
        try (InputStream in = Presets.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("preset " + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read preset " + name, e);
        }
    }

    /**
     * The presets a name or a glob names: {@code edfi-ods-*} is every preset whose name starts with
     * {@code edfi-ods-} ({@code *} any characters, {@code ?} one), in the order of {@link #NAMES}.
     */
    public static List<String> matching(String pattern) {
        if (!pattern.contains("*") && !pattern.contains("?")) {
            text(pattern); // says which presets there are when there is no such one
            return List.of(pattern);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        List<String> names = NAMES.stream().filter(n -> n.matches(regex.toString())).toList();
        if (names.isEmpty()) {
            throw new SourceException("No mapping preset matches '" + pattern + "'; there are: " + String.join(", ", NAMES));
        }
        return names;
    }

    public static Mapping load(String name) {
        return Mapping.parse(PREFIX + name, text(name));
    }
}
