package org.rollcall.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which JDBC URLs RollCall connects with. A URL copied from elsewhere must not make a driver load and instantiate a
 * class it names, or write files where it says: pgjdbc's socket and SSL factories, callbacks and authentication
 * plugins (CVE-2022-21724) and its logger file (CVE-2022-26520); MySQL Connector/J's interceptors, automatic
 * deserialization and local-file loading. Imports from a database and live sources both ask here.
 */
public final class JdbcUrlPolicy {

    /** The properties refused, in lower case. */
    static final Set<String> REFUSED = Set.of("socketfactory", "socketfactoryarg", "sslfactory", "sslfactoryarg",
            "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname", "loggerfile", "loggerlevel",
            "queryinterceptors", "statementinterceptors", "exceptioninterceptors", "connectionlifecycleinterceptors",
            "autodeserialize", "allowloadlocalinfile");

    private JdbcUrlPolicy() {
    }

    /** The properties of {@code url} RollCall refuses, as the URL spells them; empty when it may connect. */
    public static List<String> refusedProperties(String url) {
        return propertyNames(url).stream().filter(p -> REFUSED.contains(p.toLowerCase(Locale.ROOT))).toList();
    }

    /**
     * The names of the properties a URL sets after {@code ?} (and {@code ;}), decoded as the driver decodes them.
     *
     * @throws IllegalArgumentException when a name is not valid URL encoding
     */
    public static List<String> propertyNames(String url) {
        List<String> names = new ArrayList<>();
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int start = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        if (start < 0) {
            return names;
        }
        for (String pair : url.substring(start + 1).split("[&;]")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            try {
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("property name '" + name + "' is not valid URL encoding", e);
            }
        }
        return names;
    }
}
