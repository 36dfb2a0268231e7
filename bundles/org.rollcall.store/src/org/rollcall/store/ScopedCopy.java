package org.rollcall.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.model.Table;

/**
 * A workspace cut down to some schools: what a user scoped to districts or schools may see. The copy holds the rows
 * of those schools (enrollments, days, summaries, recovery sessions), the students enrolled there and their rows
 * (programs, outcomes, interventions), and the reference tables (calendars, codes, rates); it never holds another
 * school's row, the import history (file names, quarantined raw rows of any school) or live-source definitions. Its
 * summaries, metric views and derived tables are then computed from those rows alone, so every aggregate is an
 * aggregate of the user's schools, and nothing outside them can be reached by any query, however written.
 *
 * <p>Copies are kept in a folder, one per set of schools, and rebuilt when the workspace they came from changes.
 */
public final class ScopedCopy {

    /** Districts and schools (CDS codes) a user is scoped to; both empty means the whole workspace. */
    public record Scope(Set<String> districts, Set<String> schools) {
        public Scope {
            districts = Set.copyOf(districts);
            schools = Set.copyOf(schools);
        }

        public boolean whole() {
            return districts.isEmpty() && schools.isEmpty();
        }
    }

    /** Tables a scoped user never sees any row of: who imported what, raw rejected rows, live-source settings. */
    static final Set<String> WITHHELD = Set.of("import_log", "import_quarantine", "import_undo", "live_sources");
    /**
     * Tables without a school, student or district column that every scoped user may read whole: calendars, codes,
     * the district's interventions and goals, the rule tables. A new table must be placed here or carry one of those
     * columns, or no scoped copy is made (fail closed).
     */
    static final Set<String> REFERENCE = Set.of("workspace_info", "school_years", "calendar_days", "attendance_codes",
            "interventions", "goals", "recovery_minimum_day", "lcff_rates", "outcome_cut_scores");
    /** Recomputed in the copy from the rows it holds. */
    static final Set<String> RECOMPUTED = Set.of("attendance_summary");

    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ScopedCopy() {
    }

    /**
     * The copy of {@code source} for {@code scope} in {@code folder}, built now if it is missing or older than the
     * source. Fails with a clear message when the scope names no school of the workspace.
     */
    public static Path of(Path source, Scope scope, Path folder) {
        if (scope.whole()) {
            return source;
        }
        Set<String> schools = schoolsOf(source, scope);
        if (schools.isEmpty()) {
            throw new StoreException("The scope " + describe(scope) + " names no school of the workspace " + source);
        }
        String version = version(source);
        Path target = folder.resolve("scope-" + hash(String.join(",", schools)) + ".rollcall");
        synchronized (LOCKS.computeIfAbsent(target.toAbsolutePath(), k -> new Object())) {
            if (Files.exists(target) && version.equals(info(target, "scope.source_version"))) {
                return target;
            }
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new StoreException("Cannot create the folder for scoped copies " + folder + ": "
                        + e.getMessage(), e);
            }
            Workspace.build(target, w -> fill(w, source, schools, version));
            restrict(target);
            return target;
        }
    }

    /** The schools a scope covers: those it names, and every school of the districts it names. */
    static Set<String> schoolsOf(Path source, Scope scope) {
        Set<String> schools = new TreeSet<>();
        try (Connection c = Workspace.plainDataSource(source, true).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT school_code, district_code FROM schools")) {
            while (rs.next()) {
                if (scope.schools().contains(rs.getString(1)) || scope.districts().contains(rs.getString(2))) {
                    schools.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the schools of " + source + ": " + e.getMessage(), e);
        }
        return schools;
    }

    /** How each canonical table is cut: its WHERE clause over {@code src}, or null when no row is copied. */
    static String filter(Table table, String schoolList) {
        String name = table.name();
        if (WITHHELD.contains(name) || RECOMPUTED.contains(name)) {
            return null;
        }
        List<String> columns = table.columnNames();
        if (name.equals("dataquest_chronic_absence")) {
            // the state's published file: school rows of these schools only; district, county and state rows as published
            return "aggregate_level <> 'S' OR (cds_county || cds_district || cds_school) IN (" + schoolList + ")";
        }
        if (columns.contains("school_code")) {
            return "school_code IN (" + schoolList + ")";
        }
        if (columns.contains("student_id")) {
            return "student_id IN (SELECT student_id FROM src.enrollments WHERE school_code IN (" + schoolList + "))";
        }
        if (columns.contains("district_code")) {
            return "district_code IN (SELECT district_code FROM src.schools WHERE school_code IN (" + schoolList + "))";
        }
        if (REFERENCE.contains(name)) {
            return "1 = 1";
        }
        throw new StoreException("A scoped copy cannot be made: the table " + name + " has no school, student or "
                + "district column and is not listed as reference data (ScopedCopy.REFERENCE)");
    }

    private static void fill(Workspace workspace, Path source, Set<String> schools, String version)
            throws SQLException {
        Connection c = workspace.connection();
        String schoolList = schools.stream().map(s -> "'" + s.replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ATTACH DATABASE '" + source.toAbsolutePath().toString().replace("'", "''") + "' AS src");
            c.setAutoCommit(false);
            for (Table table : CanonicalSchema.TABLES) {
                String where = filter(table, schoolList);
                // seeded tables (schema version, minimum days, rates) take the source's rows
                s.executeUpdate("DELETE FROM main." + table.name());
                if (where == null) {
                    continue;
                }
                String columns = String.join(", ", table.columnNames());
                s.executeUpdate("INSERT INTO main." + table.name() + " (" + columns + ") SELECT " + columns
                        + " FROM src." + table.name() + " WHERE " + where);
            }
            // the district a school-scoped user sees is the part of it they may see: say so where its name is read
            s.executeUpdate("UPDATE main.districts SET district_name = district_name || ' (' || (SELECT COUNT(*) FROM main.schools s "
                    + "WHERE s.district_code = districts.district_code) || ' of ' || (SELECT COUNT(*) FROM src.schools s "
                    + "WHERE s.district_code = districts.district_code) || ' schools)' WHERE (SELECT COUNT(*) FROM "
                    + "main.schools s WHERE s.district_code = districts.district_code) < (SELECT COUNT(*) FROM "
                    + "src.schools s WHERE s.district_code = districts.district_code)");
            c.commit();
            c.setAutoCommit(true);
            s.execute("DETACH DATABASE src");
            c.setAutoCommit(false);
        }
        workspace.putInfo("schema_version", Integer.toString(CanonicalSchema.VERSION));
        workspace.putInfo("scope.schools", String.join(",", schools));
        workspace.putInfo("scope.source_version", version);
    }

    /** The source as it is now: an import rewrites the file. */
    static String version(Path source) {
        try {
            return Files.size(source) + ":" + Files.getLastModifiedTime(source).toMillis();
        } catch (IOException e) {
            throw new StoreException("Cannot read workspace " + source + ": " + e.getMessage(), e);
        }
    }

    private static String info(Path workspace, String key) {
        try (Connection c = Workspace.plainDataSource(workspace, true).getConnection();
                PreparedStatement p = c.prepareStatement("SELECT value FROM workspace_info WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null; // unreadable: rebuilt
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(Scope scope) {
        List<String> parts = new ArrayList<>();
        if (!scope.districts().isEmpty()) {
            parts.add("districts " + new TreeSet<>(scope.districts()));
        }
        if (!scope.schools().isEmpty()) {
            parts.add("schools " + new TreeSet<>(scope.schools()));
        }
        return String.join(" and ", parts);
    }
}
