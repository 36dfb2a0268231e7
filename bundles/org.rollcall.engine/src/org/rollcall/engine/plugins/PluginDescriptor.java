package org.rollcall.engine.plugins;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a plugin says about itself in {@code rollcall-plugin.yaml} at the root of its jar: who made it, which API it
 * needs, and what it contributes. Metric views are SQL over the attendance schema, one file each.
 */
public record PluginDescriptor(String id, String version, String publisher, String requires, List<Metric> metrics) {

    /** The descriptor's file name inside the jar. */
    public static final String FILE = "rollcall-plugin.yaml";

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_.-]{2,100}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{2,62}");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([.-][A-Za-z0-9_-]+)?");

    /** A metric view: its name in the attendance schema, what it is, and its SQL. */
    public record Metric(String name, String description, String sqlFile, String sql) {
    }

    public PluginDescriptor {
        metrics = List.copyOf(metrics);
    }

    /** Refuses a descriptor that lacks what the county needs to judge and run it. */
    void check() throws PluginException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new PluginException(FILE + ": id '" + id + "' must be 3-100 lower-case letters, digits, '.', '-' "
                    + "or '_' (e.g. org.example.county-metrics)");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new PluginException(FILE + ": version '" + version + "' must be major.minor.micro, e.g. 1.0.0");
        }
        if (publisher == null || publisher.isBlank()) {
            throw new PluginException(FILE + ": publisher is missing (who answers for this plugin)");
        }
        if (requires == null || requires.isBlank()) {
            throw new PluginException(FILE + ": requires is missing (the RollCall API range, e.g. \"[1.0,2.0)\")");
        }
        if (metrics.isEmpty()) {
            throw new PluginException(FILE + ": the plugin contributes nothing (metrics is empty)");
        }
        for (Metric metric : metrics) {
            if (metric.name() == null || !NAME.matcher(metric.name()).matches()) {
                throw new PluginException(FILE + ": metric name '" + metric.name() + "' must be 3-63 lower-case "
                        + "letters, digits or '_', starting with a letter");
            }
            if (metric.description() == null || metric.description().isBlank()) {
                throw new PluginException(FILE + ": metric " + metric.name() + " has no description");
            }
        }
    }
}
