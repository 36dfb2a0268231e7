package org.rollcall.store.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.rollcall.model.Table;

/**
 * The derivations available here, found with {@link ServiceLoader} through the store's class loader (which, inside
 * OSGi, also sees the bundles that register as its buddies) and the thread's context class loader. The first one found
 * wins a name; they run in name order.
 */
public final class Derivations {

    private Derivations() {
    }

    public static List<Derivation> available() {
        Map<String, Derivation> byName = new LinkedHashMap<>();
        ClassLoader own = Derivations.class.getClassLoader();
        for (Derivation derivation : ServiceLoader.load(Derivation.class, own)) {
            byName.putIfAbsent(derivation.name(), derivation);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && !context.equals(own)) {
            // the context loader may see another copy of this seam (a driver jar loaded beside the bundles on an
            // application class path): its providers implement that copy's Derivation, not ours, and are skipped
            Iterator<Derivation> found = ServiceLoader.load(Derivation.class, context).iterator();
            while (true) {
                try {
                    if (!found.hasNext()) {
                        break;
                    }
                    Derivation derivation = found.next();
                    byName.putIfAbsent(derivation.name(), derivation);
                } catch (ServiceConfigurationError notOurs) {
                    // a provider of another class loader's Derivation: not one of ours
                }
            }
        }
        List<Derivation> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(Derivation::name));
        return all;
    }

    /** Every table a derivation contributes, in the order of {@link #available()}. */
    public static List<Table> tables() {
        return available().stream().flatMap(d -> d.tables().stream()).toList();
    }

    /** The contributed table of that name (case-insensitive), if any. */
    public static Optional<Table> table(String name) {
        return tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
