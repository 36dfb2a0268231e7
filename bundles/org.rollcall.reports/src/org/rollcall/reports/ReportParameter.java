package org.rollcall.reports;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A report parameter as a template declares it: its name (as the {@code .rptdesign} names it), type, default and,
 * for a choice, the allowed values. Values arrive as text (the command line, a form) and are checked here.
 *
 * @param defaultValue the value used when none is given; null when the parameter is required; empty for none; for a
 *        school year also {@link #FIRST_SCHOOL_YEAR} or {@link #LATEST_SCHOOL_YEAR}, the workspace's first or latest
 * @param allowed the allowed values of a {@link Type#CHOICE}; empty otherwise
 */
public record ReportParameter(String name, Type type, String description, String defaultValue, List<String> allowed) {

    /** What a parameter's value is. */
    public enum Type {
        /** Any text. */
        TEXT,
        /** An ISO date, 2025-09-15. */
        DATE,
        /** A school year as the workspace spells it, 2024-25. */
        SCHOOL_YEAR,
        /** One of the allowed values. */
        CHOICE
    }

    /** The default of a school year that is the workspace's first school year. */
    public static final String FIRST_SCHOOL_YEAR = "first";
    /** The default of a school year that is the workspace's latest school year. */
    public static final String LATEST_SCHOOL_YEAR = "latest";

    public ReportParameter {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        allowed = List.copyOf(allowed);
    }

    public static ReportParameter text(String name, String description, String defaultValue) {
        return new ReportParameter(name, Type.TEXT, description, defaultValue, List.of());
    }

    public static ReportParameter date(String name, String description, String defaultValue) {
        return new ReportParameter(name, Type.DATE, description, defaultValue, List.of());
    }

    public static ReportParameter schoolYear(String name, String description, String defaultValue) {
        return new ReportParameter(name, Type.SCHOOL_YEAR, description, defaultValue, List.of());
    }

    public static ReportParameter choice(String name, String description, String defaultValue, List<String> allowed) {
        return new ReportParameter(name, Type.CHOICE, description, defaultValue, allowed);
    }

    public boolean required() {
        return defaultValue == null;
    }

    /** The value as the template receives it, or a {@link ReportException} saying what is wrong with it. */
    String checked(String value) {
        switch (type) {
            case DATE -> {
                try {
                    return LocalDate.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw new ReportException("parameter " + name + ": '" + value + "' is not a date (use YYYY-MM-DD, e.g. 2025-09-15)");
                }
            }
            case SCHOOL_YEAR -> {
                if (!value.matches("\\d{4}-\\d{2}")
                        || (Integer.parseInt(value.substring(0, 4)) + 1) % 100 != Integer.parseInt(value.substring(5))) {
                    throw new ReportException("parameter " + name + ": '" + value + "' is not a school year (use e.g. 2024-25)");
                }
                return value;
            }
            case CHOICE -> {
                if (!allowed.contains(value)) {
                    throw new ReportException("parameter " + name + ": '" + value + "' is not one of " + String.join(", ", allowed));
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    /** One line for a listing: {@code language (choice: en|es, default en) - Letter language}. */
    public String describe() {
        String kind = switch (type) {
            case CHOICE -> "one of " + String.join("|", allowed);
            case DATE -> "date YYYY-MM-DD";
            case SCHOOL_YEAR -> "school year YYYY-YY";
            case TEXT -> "text";
        };
        String given = required() ? ", required"
                : type == Type.SCHOOL_YEAR && defaultValue.equals(FIRST_SCHOOL_YEAR) ? ", default: the workspace's first"
                : type == Type.SCHOOL_YEAR && defaultValue.equals(LATEST_SCHOOL_YEAR) ? ", default: the workspace's latest"
                : !defaultValue.isEmpty() ? ", default " + defaultValue : ", optional";
        return name + " (" + kind + given + ") " + description;
    }
}
