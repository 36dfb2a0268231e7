package org.rollcall.sources.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.rollcall.sources.Presets;
import org.rollcall.sources.SourceException;

/**
 * Writes a workspace as CALPADS extracts (caret-delimited, no header, one record per line, the record type first):
 * SINF from the students, SENR from the enrollments and STAS from the attendance summaries (plus the exempt STAS
 * records the workspace was given), each with the preset mapping that reads it back beside it. The field positions
 * are those of the presets ({@code presets/calpads-*.yaml}, which name their sources); fields RollCall does not
 * hold are left empty. Records end after the last field RollCall writes.
 *
 * <p>RollCall keeps the Dashboard race/ethnicity group, not a student's own race codes, so SINF gets a
 * representative CALPADS code per group ({@link CalpadsSinfAdapter#GROUP_CODES}; two codes of different groups for
 * MR, none with the Hispanic indicator for HI): the files move a district between workspaces and test the import;
 * they are not a submission to CALPADS.
 */
final class CalpadsExport {

    static final String SINF = "SINF";
    static final String SENR = "SENR";
    static final String STAS = "STAS";

    private CalpadsExport() {
    }

    /** Writes SINF.txt, SENR.txt and STAS.txt (those with rows) and their mappings; returns them in load order. */
    static List<Path> write(Connection connection, Path dir, Charset encoding) throws IOException, SQLException {
        List<Path> written = new ArrayList<>();
        addIfAny(written, writeSinf(connection, dir, encoding));
        addIfAny(written, writeSenr(connection, dir, encoding));
        addIfAny(written, writeStas(connection, dir, encoding));
        return written;
    }

    private static void addIfAny(List<Path> written, Path file) {
        if (file != null) {
            written.add(file);
        }
    }

    /** CALPADS Academic Year ID: 2024-2025 for the canonical 2024-25 (13.06, 1.07, 2.08). */
    static String academicYear(String schoolYear) {
        int first = Integer.parseInt(schoolYear.substring(0, 4));
        return first + "-" + (first + 1);
    }

    /** CALPADS dates are CCYYMMDD. */
    private static String date(String iso) {
        return iso == null ? "" : iso.replace("-", "");
    }

    private static String lea(String cds) {
        return cds == null ? "" : cds.substring(0, 7);
    }

    private static String school(String cds) {
        return cds == null ? "" : cds.substring(7);
    }

    private static Path writeSinf(Connection connection, Path dir, Charset encoding) throws IOException, SQLException {
        // one record per student, at the school and year of the latest enrollment; effective from the first entry
        String sql = """
                SELECT st.ssid, st.local_id, st.first_name, st.last_name, st.birth_date, st.gender, st.race_ethnicity,
                       (SELECT MIN(e.entry_date) FROM enrollments e WHERE e.student_id = st.student_id),
                       (SELECT e.school_code FROM enrollments e WHERE e.student_id = st.student_id
                         ORDER BY e.entry_date DESC, e.enrollment_id DESC LIMIT 1),
                       (SELECT e.school_year FROM enrollments e WHERE e.student_id = st.student_id
                         ORDER BY e.entry_date DESC, e.enrollment_id DESC LIMIT 1)
                  FROM students st ORDER BY st.student_id
                """;
        return write(connection, dir, SINF, encoding, sql, 30, (rs, f) -> {
            f[4] = date(rs.getString(8));
            f[6] = lea(rs.getString(9));
            f[7] = school(rs.getString(9));
            f[8] = rs.getString(10) == null ? "" : academicYear(rs.getString(10));
            f[9] = rs.getString(1);
            f[10] = rs.getString(2);
            f[11] = rs.getString(3);
            f[13] = rs.getString(4);
            f[18] = date(rs.getString(5));
            f[19] = rs.getString(6);
            String group = rs.getString(7);
            f[23] = "HI".equals(group) ? "Y" : "N";
            List<String> codes = switch (group) {
                case "HI" -> List.of();
                case "MR" -> List.of(CalpadsSinfAdapter.GROUP_CODES.get("AA"), CalpadsSinfAdapter.GROUP_CODES.get("WH"));
                default -> List.of(CalpadsSinfAdapter.GROUP_CODES.get(group));
            };
            for (int i = 0; i < codes.size(); i++) {
                f[25 + i] = codes.get(i);
            }
            f[30] = codes.isEmpty() ? "Y" : "N";
        });
    }

    private static Path writeSenr(Connection connection, Path dir, Charset encoding) throws IOException, SQLException {
        String sql = """
                SELECT e.school_code, e.school_year, st.ssid, st.local_id, st.first_name, st.last_name, st.birth_date,
                       st.gender, e.entry_date, e.enrollment_type, e.grade, e.exit_date, e.exit_reason
                  FROM enrollments e JOIN students st ON st.student_id = e.student_id
                 ORDER BY st.local_id, e.entry_date, e.school_code, e.enrollment_id
                """;
        return write(connection, dir, SENR, encoding, sql, 26, (rs, f) -> {
            f[4] = lea(rs.getString(1));
            f[5] = school(rs.getString(1));
            f[7] = academicYear(rs.getString(2));
            f[8] = rs.getString(3);
            f[9] = rs.getString(4);
            f[10] = rs.getString(5);
            f[12] = rs.getString(6);
            f[17] = date(rs.getString(7));
            f[18] = rs.getString(8);
            f[22] = date(rs.getString(9));
            f[23] = rs.getString(10);
            f[24] = rs.getString(11);
            f[25] = date(rs.getString(12));
            f[26] = rs.getString(13);
        });
    }

    private static Path writeStas(Connection connection, Path dir, Charset encoding) throws IOException, SQLException {
        String days = "days_expected, days_attended_in_person, days_suspension_out, days_suspension_in, days_excused, "
                + "days_unexcused, days_independent_study_non_ada, days_independent_study";
        String sql = """
                SELECT x.school_code, x.school_year, st.ssid, st.local_id, st.first_name, st.last_name, st.birth_date,
                       st.gender, x.exemption_indicator, x.hourly_attendance_indicator, %1$s
                  FROM (SELECT a.student_id, a.school_code, a.school_year, r.exemption_indicator,
                               r.hourly_attendance_indicator, %2$s
                          FROM attendance_summary a
                          LEFT JOIN stas_summaries r ON r.student_id = a.student_id AND r.school_code = a.school_code
                                                    AND r.school_year = a.school_year
                        UNION ALL
                        SELECT r.student_id, r.school_code, r.school_year, r.exemption_indicator,
                               r.hourly_attendance_indicator, %3$s
                          FROM stas_summaries r
                         WHERE r.exemption_indicator = 'Y') x
                  JOIN students st ON st.student_id = x.student_id
                 ORDER BY st.local_id, x.school_code, x.school_year
                """.formatted(prefixed("x.", days), prefixed("a.", days), prefixed("r.", days));
        return write(connection, dir, STAS, encoding, sql, 22, (rs, f) -> {
            f[4] = lea(rs.getString(1));
            f[5] = school(rs.getString(1));
            f[6] = academicYear(rs.getString(2));
            f[7] = rs.getString(3);
            f[8] = rs.getString(4);
            f[9] = rs.getString(5);
            f[10] = rs.getString(6);
            f[11] = date(rs.getString(7));
            f[12] = rs.getString(8);
            f[13] = rs.getString(9);
            f[14] = rs.getString(10);
            for (int i = 0; i < 8; i++) {
                f[15 + i] = rs.getString(11 + i);
            }
        });
    }

    private static String prefixed(String prefix, String columns) {
        return String.join(", ", Arrays.stream(columns.split(", ")).map(c -> prefix + c).toList());
    }

    /** Fills one record's fields, numbered from 1 as the CALPADS File Specifications number them. */
    private interface Record {
        void fill(ResultSet rs, String[] fields) throws SQLException;
    }

    private static Path write(Connection connection, Path dir, String type, Charset encoding, String sql, int fields,
            Record record) throws IOException, SQLException {
        Path file = dir.resolve(type + ".txt");
        long rows = 0;
        try (Writer out = Exporter.writer(file, encoding); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            String[] f = new String[fields + 1];
            while (rs.next()) {
                Arrays.fill(f, "");
                f[1] = type;
                record.fill(rs, f);
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= fields; i++) {
                    String value = f[i] == null ? "" : f[i];
                    if (value.indexOf('^') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                        // a caret file has no quoting: such a value would shift every later field
                        throw new SourceException(file.getFileName() + " line " + (rows + 1) + " field " + i
                                + " holds a caret or a line break, which a CALPADS file cannot carry: '" + value + "'");
                    }
                    line.append(i == 1 ? "" : "^").append(value);
                }
                out.write(line.append('\n').toString());
                rows++;
            }
        }
        if (rows == 0) {
            Files.delete(file); // an empty file would read as a truncated export
            return null;
        }
        String mapping = Presets.text("calpads-" + type.toLowerCase(java.util.Locale.ROOT));
        if (!encoding.equals(StandardCharsets.UTF_8)) {
            mapping += "encoding: " + encoding.name() + "\n"; // the presets read UTF-8 unless told
        }
        Files.writeString(dir.resolve(type + ".yaml"), mapping, StandardCharsets.UTF_8);
        return file;
    }
}
