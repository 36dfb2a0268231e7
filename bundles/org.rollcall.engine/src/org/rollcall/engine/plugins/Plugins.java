package org.rollcall.engine.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.rollcall.engine.SchemaDescriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The plugins folder ({@code ~/.rollcall/plugins} unless the driver's {@code plugins} property or the command's
 * {@code --plugins} says otherwise): the installed jars and {@code plugins.json}, which pins each to the SHA-256 it had
 * when it was checked and installed. Only what is listed there with that digest is loaded; anything else in the folder
 * is reported and skipped, and so is a plugin that fails to load, so one broken plugin never stops RollCall.
 */
public final class Plugins {

    /** The index of installed plugins, beside them. */
    public static final String INDEX = "plugins.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plugins() {
    }

    /** One installed plugin as the index records it. */
    public record Installed(String id, String version, String file, String sha256, String signer) {
    }

    /** The plugins that loaded, and what was skipped and why. */
    public record Loaded(List<Plugin> plugins, List<String> problems) {
        public static final Loaded NONE = new Loaded(List.of(), List.of());
    }

    /** Checks a plugin beyond its jar, e.g. that its SQL runs on a generated district (the command line does). */
    @FunctionalInterface
    public interface Validator {
        /** @param staging a plugins folder holding only the candidate, installed */
        void validate(Plugin candidate, Path staging) throws PluginException;
    }

    /**
     * The folder the driver reads when its {@code plugins} property is not set: the system property
     * {@code rollcall.plugins}, else the environment variable {@code ROLLCALL_PLUGINS}, else {@code ~/.rollcall/plugins}.
     */
    public static Path defaultFolder() {
        String configured = System.getProperty("rollcall.plugins");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("ROLLCALL_PLUGINS");
        }
        return configured == null || configured.isBlank() ? Path.of(System.getProperty("user.home"), ".rollcall",
                "plugins") : Path.of(configured.strip());
    }

    public static List<Installed> installed(Path folder) throws PluginException {
        Path index = folder.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            return List.of();
        }
        try {
            List<Installed> all = new ArrayList<>();
            for (JsonNode node : JSON.readTree(index.toFile())) {
                all.add(new Installed(node.path("id").asText(), node.path("version").asText(),
                        node.path("file").asText(), node.path("sha256").asText(),
                        node.hasNonNull("signer") ? node.get("signer").asText() : null));
            }
            return all;
        } catch (IOException e) {
            throw new PluginException("The plugin index " + index + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A jar as this process last checked it: its size and time then, the SHA-256 it matched, what it holds. */
    private record Checked(long size, FileTime modified, String sha256, Plugin plugin) {
    }

    /**
     * The jars checked since the process started, by path: every connection loads the plugins, and hashing and
     * verifying each jar every time cost more than opening the connection. A jar whose size or time has changed
     * since is hashed and verified again.
     */
    private static final Map<Path, Checked> CHECKED = new ConcurrentHashMap<>();

    /** The plugin in {@code file}, which must still have the SHA-256 it was installed with. */
    private static Plugin checked(Path file, String sha256) throws PluginException {
        long size;
        FileTime modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new PluginException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Path key = file.toAbsolutePath().normalize();
        Checked known = CHECKED.get(key);
        if (known != null && known.size() == size && known.modified().equals(modified) && known.sha256().equals(sha256)) {
            return known.plugin();
        }
        if (!PluginJar.sha256(file).equals(sha256)) {
            CHECKED.remove(key);
            throw new PluginException("its jar has changed since it was installed (SHA-256 differs); "
                    + "install it again if the change is wanted");
        }
        Plugin plugin = PluginJar.read(file, null, true);
        CHECKED.put(key, new Checked(size, modified, sha256, plugin));
        return plugin;
    }

    /** Loads what is installed in {@code folder}; never fails, it reports. */
    public static Loaded load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Loaded.NONE;
        }
        List<Plugin> plugins = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        try {
            for (Installed entry : installed(folder)) {
                listed.add(entry.file());
                Path file = folder.resolve(entry.file());
                try {
                    if (!Files.isRegularFile(file)) {
                        throw new PluginException("its jar " + entry.file() + " is missing");
                    }
                    plugins.add(checked(file, entry.sha256()));
                } catch (PluginException e) {
                    problems.add("plugin " + entry.id() + " skipped: " + e.getMessage());
                }
            }
        } catch (PluginException e) {
            problems.add(e.getMessage());
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .filter(f -> !listed.contains(f.getFileName().toString()))
                    .forEach(f -> problems.add(f.getFileName() + " skipped: it was not installed with "
                            + "'rollcall plugin install'"));
        } catch (IOException e) {
            problems.add("the plugins folder " + folder + " cannot be listed: " + e.getMessage());
        }
        return new Loaded(plugins, problems);
    }

    /**
     * Checks and installs a plugin jar: signed by a trusted publisher (or unsigned, knowingly), for this API, with no
     * name taken by RollCall or another plugin, and passing {@code validator}; it replaces an older version of itself.
     * On any failure nothing in {@code folder} has changed.
     */
    public static Plugin install(Path folder, Path jar, Trust trust, boolean allowUnsigned, Validator validator)
            throws PluginException {
        Plugin candidate = PluginJar.read(jar, trust, allowUnsigned);
        PluginDescriptor d = candidate.descriptor();
        if (!PluginApi.within(d.requires(), PluginApi.VERSION)) {
            throw new PluginException(d.id() + " " + d.version() + " needs the RollCall plugin API " + d.requires()
                    + "; this RollCall offers " + PluginApi.VERSION);
        }
        List<Installed> installed = installed(folder);
        Loaded others = load(folder);
        for (PluginDescriptor.Metric metric : d.metrics()) {
            if (SchemaDescriptions.table(metric.name()).isPresent()
                    || SchemaDescriptions.views().anyMatch(v -> v.name().equalsIgnoreCase(metric.name()))) {
                throw new PluginException(d.id() + ": the metric name " + metric.name() + " is RollCall's own");
            }
            for (Plugin other : others.plugins()) {
                if (!other.id().equals(d.id()) && other.descriptor().metrics().stream()
                        .anyMatch(m -> m.name().equalsIgnoreCase(metric.name()))) {
                    throw new PluginException(d.id() + ": the metric name " + metric.name() + " is taken by the "
                            + "installed plugin " + other.id());
                }
            }
        }
        String fileName = d.id() + "-" + d.version() + ".jar";
        Installed entry = new Installed(d.id(), d.version(), fileName, candidate.sha256(), candidate.signer());
        Path staging = null;
        try {
            staging = Files.createTempDirectory("rollcall-plugin-check");
            Files.copy(jar, staging.resolve(fileName));
            writeIndex(staging, List.of(entry));
            validator.validate(new Plugin(d, staging.resolve(fileName), candidate.sha256(), candidate.signer()),
                    staging);
        } catch (IOException e) {
            throw new PluginException("Cannot check " + jar + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
        Optional<Installed> previous = installed.stream().filter(i -> i.id().equals(d.id())).findFirst();
        List<Installed> next = new ArrayList<>(installed.stream().filter(i -> !i.id().equals(d.id())).toList());
        next.add(entry);
        Path target = folder.resolve(fileName);
        Path partial = folder.resolve(fileName + ".partial");
        try {
            Files.createDirectories(folder);
            Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try {
                writeIndex(folder, next);
            } catch (IOException e) {
                if (previous.isEmpty() || !previous.get().file().equals(fileName)) {
                    Files.deleteIfExists(target);
                }
                throw e;
            }
            if (previous.isPresent() && !previous.get().file().equals(fileName)) {
                Files.deleteIfExists(folder.resolve(previous.get().file()));
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the .partial is not listed, so it is never loaded
            }
            throw new PluginException("Cannot install into " + folder + ": " + e.getMessage(), e);
        }
        return new Plugin(d, target, candidate.sha256(), candidate.signer());
    }

    /** Uninstalls a plugin: its jar and its index entry go, and nothing of it is left in the folder. */
    public static Installed remove(Path folder, String id) throws PluginException {
        List<Installed> installed = installed(folder);
        Installed entry = installed.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new PluginException("No plugin " + id + " is installed in " + folder
                        + (installed.isEmpty() ? "" : "; installed: " + String.join(", ",
                                installed.stream().map(Installed::id).toList()))));
        try {
            writeIndex(folder, installed.stream().filter(i -> !i.id().equals(id)).toList());
            Files.deleteIfExists(folder.resolve(entry.file()));
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        } catch (IOException e) {
            throw new PluginException("Cannot remove " + id + " from " + folder + ": " + e.getMessage(), e);
        }
        return entry;
    }

    private static void writeIndex(Path folder, List<Installed> entries) throws IOException {
        Files.createDirectories(folder);
        Path index = folder.resolve(INDEX);
        if (entries.isEmpty()) {
            Files.deleteIfExists(index);
            return;
        }
        ArrayNode array = JSON.createArrayNode();
        for (Installed e : entries) {
            ObjectNode node = array.addObject();
            node.put("id", e.id());
            node.put("version", e.version());
            node.put("file", e.file());
            node.put("sha256", e.sha256());
            node.put("signer", e.signer());
        }
        Path temp = folder.resolve(INDEX + ".partial");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), array);
        Files.move(temp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system clears it
        }
    }
}
