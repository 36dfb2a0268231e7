package org.rollcall.engine.plugins;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of what RollCall offers plugins (the descriptor, the metric-view SQL over the attendance schema, the
 * service interfaces). A plugin names the range it needs, OSGi style: {@code [1.0,2.0)}.
 */
public final class PluginApi {

    /** Raised in its minor part when something is added, in its major part when something a plugin uses changes. */
    public static final String VERSION = "1.0";

    private static final Pattern RANGE = Pattern.compile("\\s*([\\[(])\\s*(\\d+(?:\\.\\d+)?)\\s*,\\s*(\\d+(?:\\.\\d+)?)\\s*([\\])])\\s*");

    private PluginApi() {
    }

    /** Whether {@code version} lies in {@code range}; a range that does not parse is an error. */
    public static boolean within(String range, String version) throws PluginException {
        Matcher m = RANGE.matcher(range == null ? "" : range);
        if (!m.matches()) {
            throw new PluginException("the API range '" + range + "' is not of the form [1.0,2.0)");
        }
        double v = Double.parseDouble(version);
        double low = Double.parseDouble(m.group(2));
        double high = Double.parseDouble(m.group(3));
        boolean aboveLow = m.group(1).equals("[") ? v >= low : v > low;
        boolean belowHigh = m.group(4).equals("]") ? v <= high : v < high;
        return aboveLow && belowHigh;
    }
}
