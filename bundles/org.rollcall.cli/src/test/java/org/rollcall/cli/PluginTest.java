package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;

/**
 * Plugins as a county office handles them, with the JDK's own keytool and jarsigner: a plugin made with
 * {@code plugin new}, checked, jarred and signed with the county's key installs and its metric answers through
 * {@code rollcall query} and the driver; an incompatible, a broken, a tampered, an untrusted and an unsigned plugin are
 * refused with the folder unchanged; remove leaves nothing.
 */
class PluginTest {

    private static final String METRIC = "county_metrics_chronic_by_level";

    @TempDir
    static Path dir;
    static Path workspace;
    static Path trust;
    static Path countyStore;
    static Path strangerStore;
    static Path source;
    static Path plugins;

    @BeforeAll
    static void keysAndDistrict() throws Exception {
        workspace = dir.resolve("plugins.rollcall");
        Run generated = run("generate", "--students", "400", "--years", "1", "--seed", "3", "--out", workspace.toString());
        assertEquals(0, generated.exitCode(), generated.err());
        countyStore = dir.resolve("county.p12");
        strangerStore = dir.resolve("stranger.p12");
        keytool("-genkeypair", "-keystore", countyStore.toString(), "-storetype", "PKCS12", "-storepass", "county-pw",
                "-alias", "county", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname",
                "CN=Example County Office of Education, O=Example COE, C=US");
        keytool("-genkeypair", "-keystore", strangerStore.toString(), "-storetype", "PKCS12", "-storepass",
                "stranger-pw", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=Somebody Else, O=Unknown, C=US");
        trust = dir.resolve("trust");
        Files.createDirectories(trust);
        keytool("-exportcert", "-rfc", "-keystore", countyStore.toString(), "-storepass", "county-pw", "-alias",
                "county", "-file", trust.resolve("county.pem").toString());
        Run made = run("plugin", "new", "county-metrics", "--dir", dir.toString());
        assertEquals(0, made.exitCode(), made.err());
        source = dir.resolve("county-metrics");
    }

    @BeforeEach
    void emptyFolder() throws IOException {
        plugins = Files.createTempDirectory(dir, "plugins");
        Files.delete(plugins); // installs create it
        System.setProperty("rollcall.plugins", plugins.toString());
    }

    @AfterEach
    void forgetFolder() {
        System.clearProperty("rollcall.plugins");
    }

    @Test
    void aSignedPluginInstallsAndItsMetricAnswersEverywhere() throws Exception {
        Run check = run("plugin", "check", source.toString());
        assertEquals(0, check.exitCode(), check.err());
        assertTrue(check.out().contains("its metrics run on a generated district: " + METRIC), check.out());

        Path jar = signed(jar(source, "county-metrics-1.0.0.jar"), countyStore, "county-pw", "county");
        Run installed = install(jar);
        assertEquals(0, installed.exitCode(), installed.err());
        assertTrue(installed.out().contains("Installed org.example.county-metrics 1.0.0 (signed by CN=Example County"),
                installed.out());
        Run list = run("plugin", "list");
        assertTrue(list.out().contains("org.example.county-metrics 1.0.0"), list.out());

        // through rollcall query (the default folder, as the driver reads it)
        Run query = run("query", "--workspace", workspace.toString(), "select sum(eligible_students) from " + METRIC);
        assertEquals(0, query.exitCode(), query.err());
        long expected;
        try (Connection c = RollCallDriver.open(workspace); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from student_school_year where is_eligible")) {
            rs.next();
            expected = rs.getLong(1);
        }
        assertTrue(query.out().contains(Long.toString(expected)), query.out() + " lacks " + expected);
        // through the driver with the folder as a connection property, described in its metadata
        System.clearProperty("rollcall.plugins");
        Properties properties = new Properties();
        properties.setProperty("plugins", plugins.toString());
        try (Connection c = new RollCallDriver().connect(RollCallDriver.PREFIX + workspace, properties);
                ResultSet tables = c.getMetaData().getTables(null, "attendance", METRIC, null)) {
            assertTrue(tables.next(), "the plugin's view is in the schema");
            assertTrue(tables.getString("REMARKS").startsWith("Chronic absenteeism by school level"),
                    tables.getString("REMARKS"));
        }
        // without the plugin the view is not there
        try (Connection c = RollCallDriver.open(workspace);
                ResultSet tables = c.getMetaData().getTables(null, "attendance", METRIC, null)) {
            assertFalse(tables.next(), "no plugin view without the plugin");
        }
        System.setProperty("rollcall.plugins", plugins.toString());

        Run removed = run("plugin", "remove", "org.example.county-metrics");
        assertEquals(0, removed.exitCode(), removed.err());
        assertFalse(Files.exists(plugins), "uninstall leaves no trace");
        Run gone = run("query", "--workspace", workspace.toString(), "select * from " + METRIC);
        assertNotEquals(0, gone.exitCode());
    }

    @Test
    void incompatibleBrokenTamperedUntrustedAndUnsignedPluginsAreRefusedWithNothingChanged() throws Exception {
        Path good = signed(jar(source, "good.jar"), countyStore, "county-pw", "county");
        assertEquals(0, install(good).exitCode());
        Map<String, String> before = snapshot(plugins);

        Path incompatible = variant("incompatible", "requires: \"[1.0,2.0)\"", "requires: \"[2.0,3.0)\"", null);
        assertRefused(install(signed(incompatible, countyStore, "county-pw", "county")),
                "needs the RollCall plugin API [2.0,3.0); this RollCall offers 1.0", before);

        Path broken = variant("broken", null, null, "SELECT no_such_column FROM schools");
        assertRefused(install(signed(broken, countyStore, "county-pw", "county")),
                "does not run on a generated district", before);

        Path missing = variant("missing", "sql: metrics/", "sql: metrics/not-here-", null);
        assertRefused(install(signed(missing, countyStore, "county-pw", "county")), "which is not in the jar",
                before);

        Path tampered = tamper(signed(jar(source, "tampered.jar"), countyStore, "county-pw", "county"));
        assertRefused(install(tampered), "has been changed since it was signed", before);

        Path stranger = signed(jar(source, "stranger.jar"), strangerStore, "stranger-pw", "stranger");
        assertRefused(install(stranger), "who is not on the trust list", before);

        Path unsigned = jar(source, "unsigned.jar");
        assertRefused(install(unsigned), "is not signed", before);

        // a jar copied into the folder by hand is not loaded, and says so
        Files.copy(unsigned, plugins.resolve("dropped.jar"));
        Run list = run("plugin", "list");
        assertTrue(list.out().contains("dropped.jar skipped: it was not installed with 'rollcall plugin install'"),
                list.out());
        Files.delete(plugins.resolve("dropped.jar"));
        // a plugin changed in the folder after install is skipped, and RollCall still starts
        Path installedJar;
        try (Stream<Path> files = Files.list(plugins)) {
            installedJar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Files.copy(unsigned, installedJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run query = run("query", "--workspace", workspace.toString(), "select count(*) from schools");
        assertEquals(0, query.exitCode(), query.err());
        assertTrue(run("plugin", "list").out().contains("its jar has changed since it was installed"));

        Run allowed = run("plugin", "install", unsigned.toString(), "--trust", trust.toString(), "--allow-unsigned");
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(allowed.err().contains("is not signed; it runs with your full rights"), allowed.err());
    }

    private static void assertRefused(Run run, String reason, Map<String, String> before) throws IOException {
        assertNotEquals(0, run.exitCode(), run.out());
        assertTrue(run.err().contains(reason), run.err() + " lacks: " + reason);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(before, snapshot(plugins), "the plugins folder is unchanged");
    }

    private static Run install(Path jar) {
        return run("plugin", "install", jar.toString(), "--trust", trust.toString());
    }

    /** The plugin folder with one line of its descriptor changed, or its metric's SQL replaced. */
    private static Path variant(String name, String from, String to, String sql) throws IOException {
        Path copy = dir.resolve("variant-" + name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        if (from != null) {
            Path descriptor = copy.resolve("rollcall-plugin.yaml");
            Files.writeString(descriptor, Files.readString(descriptor).replace(from, to));
        }
        if (sql != null) {
            Files.writeString(copy.resolve("metrics/" + METRIC + ".sql"), sql);
        }
        return jar(copy, name + ".jar");
    }

    private static Path jar(Path folder, String name) throws IOException {
        Path jar = dir.resolve(name);
        Files.deleteIfExists(jar);
        Files.move(PluginCommand.zip(folder), jar);
        return jar;
    }

    /** Rewrites a signed jar with its metric's SQL changed and the signature files kept. */
    private static Path tamper(Path signedJar) throws IOException {
        Path out = dir.resolve("tampered-out.jar");
        try (JarFile in = new JarFile(signedJar.toFile(), false); OutputStream file = Files.newOutputStream(out);
                JarOutputStream jar = new JarOutputStream(file)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                jar.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    byte[] bytes = data.readAllBytes();
                    if (entry.getName().endsWith(".sql")) {
                        bytes = "SELECT * FROM students".getBytes(StandardCharsets.UTF_8);
                    }
                    jar.write(bytes);
                }
                jar.closeEntry();
            }
        }
        return out;
    }

    private static Path signed(Path jar, Path store, String password, String alias) throws Exception {
        tool("jarsigner", "-keystore", store.toString(), "-storepass", password, jar.toString(), alias);
        return jar;
    }

    private static void keytool(String... args) throws Exception {
        tool("keytool", args);
    }

    private static void tool(String name, String... args) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin", name);
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), name + ": " + output);
    }

    /** Every file of a folder with its content, to see that nothing changed. */
    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path p : paths.filter(Files::isRegularFile).toList()) {
                    files.put(folder.relativize(p).toString(), java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return files;
    }
}
