package org.rollcall.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.apache.commons.io.FileUtils;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.engine.plugins.Plugin;
import org.rollcall.engine.plugins.PluginApi;
import org.rollcall.engine.plugins.PluginDescriptor;
import org.rollcall.engine.plugins.PluginException;
import org.rollcall.engine.plugins.Plugins;
import org.rollcall.engine.plugins.Trust;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GenerationProgress;
import org.rollcall.synthetic.GeneratorSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rollcall plugin}: install, list, remove, check and start plugins that add metric views. */
@Command(name = "plugin", mixinStandardHelpOptions = true,
        description = {"Plugins a county office installs: jars with a rollcall-plugin.yaml descriptor that add metric "
                + "views (SQL over the attendance schema) to the driver, `rollcall query` and `rollcall serve`.",
            "A plugin runs with your full rights over student data: installs must be signed by a publisher on the "
                + "trust list (" + "~/.rollcall/trust" + ", X.509 certificates) unless --allow-unsigned."},
        subcommands = {PluginCommand.Install.class, PluginCommand.ListPlugins.class, PluginCommand.Remove.class,
            PluginCommand.Check.class, PluginCommand.New.class})
final class PluginCommand {

    @Option(names = "--plugins", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The plugins folder (default: ~/.rollcall/plugins, as the driver reads it).")
    Path plugins;

    Path folder() {
        return plugins != null ? plugins : Plugins.defaultFolder();
    }

    /** {@code rollcall plugin install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Check a plugin jar (signature, descriptor, API version, names, its SQL run on a generated "
                    + "district) and install it; on any failure nothing changes.")
    static final class Install implements Callable<Integer> {
        @ParentCommand
        PluginCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|URL", description = "The plugin jar, or an http(s) URL to it.")
        String source;

        @Option(names = "--trust", paramLabel = "DIR", description = "Trust list: a folder of X.509 certificates or one "
                + "file (default: ~/.rollcall/trust).")
        Path trust;

        @Option(names = "--allow-unsigned", description = "Install an unsigned plugin (it gets your full rights: only "
                + "for plugins you built yourself).")
        boolean allowUnsigned;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Path jar = fetch(source);
            try {
                Plugin installed = Plugins.install(parent.folder(), jar, Trust.load(trust != null ? trust
                        : Trust.defaultFolder()), allowUnsigned, PluginCommand::runOnSyntheticDistrict);
                if (installed.signer() == null) {
                    spec.commandLine().getErr().println("rollcall: warning: " + installed.id() + " is not signed; it "
                            + "runs with your full rights over student data");
                }
                out.printf("Installed %s %s (%s) in %s: %s%n", installed.id(), installed.descriptor().version(),
                        installed.signer() == null ? "unsigned" : "signed by " + installed.signer(), parent.folder(),
                        metricNames(installed.descriptor()));
                return 0;
            } finally {
                if (!jar.toString().equals(source)) {
                    Files.deleteIfExists(jar);
                }
            }
        }
    }

    /** {@code rollcall plugin list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the installed plugins and any that "
            + "are skipped, with the reason.")
    static final class ListPlugins implements Callable<Integer> {
        @ParentCommand
        PluginCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Plugins.Loaded loaded = Plugins.load(parent.folder());
            if (loaded.plugins().isEmpty() && loaded.problems().isEmpty()) {
                out.println("No plugins installed in " + parent.folder());
            }
            for (Plugin plugin : loaded.plugins()) {
                PluginDescriptor d = plugin.descriptor();
                out.printf("%s %s  %s  %s  metrics: %s%n", d.id(), d.version(), d.publisher(),
                        plugin.signer() == null ? "unsigned" : "signed by " + plugin.signer(), metricNames(d));
            }
            for (String problem : loaded.problems()) {
                out.println("skipped: " + problem);
            }
            return 0;
        }
    }

    /** {@code rollcall plugin remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Uninstall a plugin: its jar and its "
            + "index entry go.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        PluginCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The plugin's id.")
        String id;

        @Override
        public Integer call() throws PluginException {
            Plugins.Installed removed = Plugins.remove(parent.folder(), id);
            spec.commandLine().getOut().printf("Removed %s %s from %s%n", removed.id(), removed.version(),
                    parent.folder());
            return 0;
        }
    }

    /** {@code rollcall plugin check}. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Check a plugin folder or jar as an "
            + "install would (descriptor complete, API version, every metric's SQL runs on a generated district), "
            + "without installing it or asking for a signature.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|JAR", description = "A plugin folder (as `plugin new` makes it) or a jar.")
        Path source;

        @Override
        public Integer call() throws Exception {
            Path jar = Files.isDirectory(source) ? zip(source) : source;
            Path staging = Files.createTempDirectory("rollcall-plugin-check");
            try {
                Plugin plugin = Plugins.install(staging, jar, null, true, PluginCommand::runOnSyntheticDistrict);
                spec.commandLine().getOut().printf("%s %s is complete; its metrics run on a generated district: %s%n",
                        plugin.id(), plugin.descriptor().version(), metricNames(plugin.descriptor()));
                return 0;
            } finally {
                FileUtils.deleteQuietly(staging.toFile());
                if (!jar.equals(source)) {
                    Files.deleteIfExists(jar);
                }
            }
        }
    }

    /** {@code rollcall plugin new}. */
    @Command(name = "new", mixinStandardHelpOptions = true, description = "Start a plugin: a folder with a descriptor, "
            + "one metric view and a README saying how to check, build, sign and install it.")
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The plugin's name, e.g. county-metrics.")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "Where to make its folder.")
        Path dir;

        @Override
        public Integer call() throws IOException {
            String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            if (slug.length() < 3) {
                throw new IllegalArgumentException("The plugin name '" + name + "' needs at least 3 letters or digits");
            }
            Path folder = dir.resolve(slug);
            if (Files.exists(folder)) {
                throw new IllegalArgumentException(folder + " exists already");
            }
            String metric = slug.replace('-', '_') + "_chronic_by_level";
            Files.createDirectories(folder.resolve("metrics"));
            Files.writeString(folder.resolve(PluginDescriptor.FILE), """
                    # A RollCall plugin: who made it, which API it needs, what it adds.
                    id: org.example.%1$s
                    version: 1.0.0
                    publisher: Your county office of education
                    requires: "[%2$s,2.0)"
                    metrics:
                      - name: %3$s
                        description: Chronic absenteeism by school level and year (district-level evaluation)
                        sql: metrics/%3$s.sql
                    """.formatted(slug, PluginApi.VERSION, metric), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("metrics/" + metric + ".sql"), """
                    -- SQL over the attendance schema (every table and metric view of `rollcall query`).
                    SELECT v.school_year, sc.school_level, COUNT(*) AS eligible_students,
                           SUM(CASE WHEN v.is_chronic THEN 1 ELSE 0 END) AS chronic_students
                      FROM student_school_year v
                      JOIN schools sc ON sc.school_code = v.school_code
                     WHERE v.is_eligible
                     GROUP BY v.school_year, sc.school_level
                    """, StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("README.md"), """
                    # %1$s: a RollCall plugin

                    1. Edit `rollcall-plugin.yaml` and the SQL files under `metrics/`.
                    2. Check it: `rollcall plugin check .` (the SQL must run on a generated district).
                    3. Build the jar: `jar --create --file ../%1$s-1.0.0.jar -C . .` (or zip the folder's contents).
                    4. Sign it with the county's key: `jarsigner -keystore county.p12 ../%1$s-1.0.0.jar county`.
                    5. Install: `rollcall plugin install ../%1$s-1.0.0.jar` (the signer's certificate must be in
                       `~/.rollcall/trust`: `keytool -exportcert -rfc -keystore county.p12 -alias county`).
                    """.formatted(slug), StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf("Made %s: edit it, then `rollcall plugin check %s`%n", folder, folder);
            return 0;
        }
    }

    /** Runs every metric of the candidate on a small generated district, with only the candidate installed. */
    static void runOnSyntheticDistrict(Plugin candidate, Path staging) throws PluginException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rollcall-plugin-district");
            Path workspace = dir.resolve("check.rollcall");
            DistrictGenerator.generate(new GeneratorSettings(600, 1, 11, 2024), workspace, GenerationProgress.NONE);
            Properties properties = new Properties();
            properties.setProperty(RollCallDriver.PLUGINS, staging.toString());
            try (Connection c = new RollCallDriver().connect(RollCallDriver.PREFIX + workspace, properties)) {
                for (SQLWarning w = c.getWarnings(); w != null; w = w.getNextWarning()) {
                    throw new PluginException(candidate.id() + ": " + w.getMessage());
                }
                for (PluginDescriptor.Metric metric : candidate.descriptor().metrics()) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select * from "
                            + metric.name())) {
                        while (rs.next()) {
                            // every row computes
                        }
                    } catch (SQLException e) {
                        throw new PluginException(candidate.id() + ": the metric " + metric.name() + " (" + metric.sqlFile()
                                + ") does not run on a generated district: " + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException | SQLException e) {
            throw new PluginException("Cannot check " + candidate.id() + " on a generated district: " + e.getMessage(), e);
        } finally {
            FileUtils.deleteQuietly(dir.toFile());
        }
    }

    static String metricNames(PluginDescriptor d) {
        return String.join(", ", d.metrics().stream().map(PluginDescriptor.Metric::name).toList());
    }

    /** The jar at a path, or downloaded from an http(s) URL into a temporary file. */
    static Path fetch(String source) throws IOException, InterruptedException, PluginException {
        if (!source.startsWith("http://") && !source.startsWith("https://")) {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new PluginException("No plugin jar at " + file);
            }
            return file;
        }
        Path temp = Files.createTempFile("rollcall-plugin", ".jar");
        HttpResponse<Path> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build()
                .send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(5)).build(),
                        HttpResponse.BodyHandlers.ofFile(temp));
        if (response.statusCode() != 200) {
            Files.deleteIfExists(temp);
            throw new PluginException("Downloading " + source + " failed: HTTP " + response.statusCode());
        }
        return temp;
    }

    /** A plugin folder as a jar (for `check`): its files under their relative names. */
    static Path zip(Path folder) throws IOException {
        Path jar = Files.createTempFile("rollcall-plugin", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

}
