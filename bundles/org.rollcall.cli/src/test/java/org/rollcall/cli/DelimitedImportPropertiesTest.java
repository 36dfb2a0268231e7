package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.rollcall.model.CanonicalSchema;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Drives the delimited import with generated exports (valid rows, wrong values, wrong field counts, quoting,
 * delimiters and quotes inside fields, non-ASCII text, blank lines, unclosed quotes): it never crashes, every
 * data line is loaded or quarantined (read = loaded + quarantined = the lines written), and a file that fails
 * leaves the workspace as it was.
 */
class DelimitedImportPropertiesTest {

    private static final String MAPPING = """
            entity: daily_attendance
            dates: [M/d/yyyy]
            fields:
              local_id: Student
              school_code: School
              attendance_date: Date
              local_code: Code
              minutes_absent: Minutes
            schools:
              "101": "19647330000001"
            codes:
              P: {category: present}
              A: {category: unexcused}
              ILL: {category: excused, reason: illness}
            """;

    private static Path template;

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path dir = Files.createTempDirectory("rollcall-properties");
            template = dir.resolve("template.rollcall");
            Workspace.build(template, w -> {
                try (BatchWriter d = w.writer(CanonicalSchema.DISTRICTS)) {
                    d.add("1964733", "Mini Unified", "19", "Los Angeles");
                }
                try (BatchWriter y = w.writer(CanonicalSchema.SCHOOL_YEARS)) {
                    y.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), LocalDate.of(2024, 8, 14),
                            LocalDate.of(2025, 6, 5));
                }
                try (BatchWriter s = w.writer(CanonicalSchema.SCHOOLS)) {
                    s.add("19647330000001", "1964733", "Alder Elementary", "ELEMENTARY", "TK", "05");
                }
                try (BatchWriter s = w.writer(CanonicalSchema.STUDENTS)) {
                    for (int i = 1; i <= 4; i++) {
                        s.add(i, "300000000" + i, "100" + i, "F" + i, "L" + i, LocalDate.of(2016, 1, i), "M", "WH");
                    }
                }
                // student 1004 has no enrollment: its days cannot be placed and are quarantined
                try (BatchWriter e = w.writer(CanonicalSchema.ENROLLMENTS)) {
                    for (int i = 1; i <= 3; i++) {
                        e.add(i, i, "19647330000001", "2024-25", "02", "10", LocalDate.of(2024, 8, 14), null, null);
                    }
                }
            });
        }
        return template;
    }

    /** One generated export: its text and how many data lines (non-blank, after the header) it has. */
    record Export(String text, int dataLines, boolean wellFormed) {
        @Override
        public String toString() {
            return text;
        }
    }

    @Provide
    Arbitrary<Export> exports() {
        Arbitrary<String> student = Arbitraries.oneOf(Arbitraries.of("1001", "1002", "1003"),
                Arbitraries.of("1004", "9999", "", " 1001 ", "1001x"));
        Arbitrary<String> school = Arbitraries.oneOf(Arbitraries.just("101"), Arbitraries.of("102", "", "19647330000001"));
        Arbitrary<String> date = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 30).map(d -> "9/" + d + "/2024"),
                Arbitraries.of("2/30/2024", "13/1/2024", "2024-09-03", "9/3/2031", "", "yesterday"));
        Arbitrary<String> code = Arbitraries.oneOf(Arbitraries.of("P", "A", "ILL"), Arbitraries.of("Z", "", "p"));
        Arbitrary<String> minutes = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.integers().between(-5, 400)
                .map(String::valueOf), Arbitraries.of("ten", "1.5"));
        Arbitrary<String> noise = Arbitraries.strings().withChars("ab,\"é日 \t;").ofMaxLength(12);
        Arbitrary<List<String>> fields = Combinators.combine(student, school, date, code, minutes)
                .as((a, b, c, d, e) -> List.of(a, b, c, d, e));
        Arbitrary<List<String>> odd = noise.list().ofMinSize(1).ofMaxSize(7);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, fields.map(DelimitedImportPropertiesTest::csvLine)),
                net.jqwik.api.Tuple.of(2, odd.map(DelimitedImportPropertiesTest::csvLine)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
        Arbitrary<List<String>> lines = line.list().ofMaxSize(40);
        Arbitrary<Boolean> unclosedQuote = Arbitraries.of(false, false, false, false, true);
        return Combinators.combine(lines, unclosedQuote).as((rows, broken) -> {
            StringBuilder text = new StringBuilder("Student,School,Date,Code,Minutes\n");
            int data = 0;
            for (String row : rows) {
                text.append(row).append('\n');
                data += row.isEmpty() ? 0 : 1;
            }
            if (broken) {
                text.append("1001,101,\"9/3/2024,P,\n");
            }
            return new Export(text.toString(), data, !broken);
        });
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (i > 0) {
                line.append(',');
            }
            if (field.contains(",") || field.contains("\"")) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                line.append(field);
            }
        }
        // a line of one empty field is blank, which holds no row
        return line.toString().isBlank() && fields.size() == 1 ? "" : line.toString();
    }

    @Property(tries = 150)
    void everyLineIsLoadedOrQuarantinedAndAFailedFileChangesNothing(@ForAll("exports") Export export)
            throws Exception {
        Path dir = Files.createTempDirectory("rollcall-property");
        Path workspace = dir.resolve("w.rollcall");
        Files.copy(template(), workspace, StandardCopyOption.REPLACE_EXISTING);
        Path file = dir.resolve("days.csv");
        Files.writeString(file, export.text(), StandardCharsets.UTF_8);
        FileResult result = new Importer(workspace, ImportProgress.NONE).importFile(SourceAdapters.named("delimited"),
                new SourceInput(file, Mapping.parse("days.yaml", MAPPING)), false);
        if (result.status() == FileResult.Status.FAILED) {
            assertTrue(!export.wellFormed(), "a well-formed file failed: " + result.message());
            assertTrue(result.message().contains("days.csv"), result.message());
            assertEquals(0, count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
            assertEquals(0, count(workspace, "SELECT COUNT(*) FROM import_quarantine"));
            assertEquals(0, count(workspace, "SELECT COUNT(*) FROM import_log"));
        } else {
            assertEquals(FileResult.Status.LOADED, result.status(), result.message());
            assertEquals(export.dataLines(), result.read(), "every data line is read");
            assertEquals(result.read(), result.loaded() + result.quarantined());
            assertEquals(result.loaded(), count(workspace, "SELECT COUNT(*) FROM daily_attendance"));
            assertEquals(result.quarantined(), count(workspace, "SELECT COUNT(*) FROM import_quarantine"));
        }
        Files.delete(workspace);
        Files.delete(file);
        Files.delete(dir);
    }

    private static long count(Path workspace, String sql) throws SQLException {
        try (Connection c = Workspace.dataSource(workspace, true).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
