package org.rollcall.sources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The source adapters available here: the built-in ones and those of plugins, found with
 * {@link ServiceLoader} (jars on the class path that list a {@code META-INF/services/org.rollcall.sources.SourceAdapter})
 * and, inside OSGi, registered as {@link SourceAdapter} services by other bundles. The first one found wins a
 * name.
 */
public final class SourceAdapters {

    private SourceAdapters() {
    }

    public static List<SourceAdapter> available() {
        Map<String, SourceAdapter> byName = new LinkedHashMap<>();
        for (SourceAdapter adapter : ServiceLoader.load(SourceAdapter.class, SourceAdapters.class.getClassLoader())) {
            byName.putIfAbsent(adapter.name(), adapter);
        }
        if (!SourceAdapters.class.getClassLoader().equals(Thread.currentThread().getContextClassLoader())
                && Thread.currentThread().getContextClassLoader() != null) {
            for (SourceAdapter adapter : ServiceLoader.load(SourceAdapter.class)) {
                byName.putIfAbsent(adapter.name(), adapter);
            }
        }
        for (SourceAdapter adapter : osgiServices()) {
            byName.putIfAbsent(adapter.name(), adapter);
        }
        List<SourceAdapter> all = new ArrayList<>(byName.values());
        all.sort(Comparator.comparing(SourceAdapter::name));
        return all;
    }

    /** The adapter of that name, or an error that lists the ones there are. */
    public static SourceAdapter named(String name) {
        return find(name).orElseThrow(() -> new SourceException("There is no source adapter named '" + name
                + "'; there are: " + available().stream().map(SourceAdapter::name).collect(Collectors.joining(", "))));
    }

    public static Optional<SourceAdapter> find(String name) {
        return available().stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
    }

    private static List<SourceAdapter> osgiServices() {
        try {
            return OsgiLookup.services();
        } catch (LinkageError notInOsgi) {
            return List.of(); // org.osgi.framework is absent from a flat class path
        }
    }

    /** Kept apart so that its OSGi types are only loaded when the framework is there. */
    private static final class OsgiLookup {
        static List<SourceAdapter> services() {
            Bundle bundle = FrameworkUtil.getBundle(SourceAdapters.class);
            BundleContext context = bundle == null ? null : bundle.getBundleContext();
            if (context == null) {
                return List.of();
            }
            try {
                List<SourceAdapter> adapters = new ArrayList<>();
                for (ServiceReference<SourceAdapter> reference : context.getServiceReferences(SourceAdapter.class,
                        null)) {
                    SourceAdapter adapter = context.getService(reference);
                    if (adapter != null) {
                        adapters.add(adapter);
                    }
                }
                return adapters;
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
