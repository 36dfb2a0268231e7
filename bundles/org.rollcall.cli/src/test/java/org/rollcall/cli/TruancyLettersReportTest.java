package org.rollcall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollcall.cli.RollCallCommandLineTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.cli.RollCallCommandLineTest.Run;
import org.rollcall.engine.RollCallDriver;
import org.rollcall.store.Workspace;

/**
 * Truancy notifications (docs/rules.md section 4): one letter per student truant by the notice date, listing
 * exactly the student's qualifying dates, with EC 48260.5 as in force on the notice date, and the mail-merge list.
 */
class TruancyLettersReportTest {

    private static final List<String> REMOVED = List.of("infraction", "prosecution", "driving privileges",
            "Vehicle Code", "attend classes with your child");
    private static final List<String> ADDED = List.of("Mental health and supportive services",
            "plan strategies that support your child's attendance", "missing 10 percent of school");
    private static final DateTimeFormatter LETTER_DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.US);

    @TempDir
    static Path dir;
    static Path workspace;

    @BeforeAll
    static void generate() {
        workspace = dir.resolve("letters.rollcall");
        Run run = run("generate", "--students", "400", "--years", "2", "--seed", "3", "--first-year", "2024", "--out",
                workspace.toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void lettersBeforeJuly2025CarryTheEarlierContent() throws Exception {
        List<String> letters = letters("2025-06-15", "en");
        assertFalse(letters.isEmpty());
        for (String letter : letters) {
            for (String removed : REMOVED) {
                assertTrue(letter.contains(removed), removed + " in " + letter);
            }
            assertFalse(letter.contains("Mental health"), letter);
        }
    }

    @Test
    void lettersFromJuly2025CarryTheAmendedContentAndNoneOfTheRemovedItems() throws Exception {
        List<String> letters = letters("2025-09-15", "en");
        assertFalse(letters.isEmpty());
        for (String letter : letters) {
            for (String added : ADDED) {
                assertTrue(letter.contains(added), added + " in " + letter);
            }
            for (String removed : REMOVED) {
                assertFalse(letter.contains(removed), removed + " in " + letter);
            }
        }
    }

    @Test
    void spanishLettersFollowTheSameVersions() throws Exception {
        for (String letter : letters("2025-06-15", "es")) {
            assertTrue(letter.contains("Notificación de ausentismo escolar injustificado"), letter);
            assertTrue(letter.contains("infracción") && letter.contains("Código de Vehículos"), letter);
            List<String> dates = letter.lines().filter(l -> l.matches("^[a-zé]+ \\d+ de [a-z]+ de \\d{4}.*")).toList();
            assertTrue(dates.size() >= 3, letter);
            assertTrue(dates.stream().allMatch(l -> l.endsWith(": ausencia de todo el día sin excusa válida")
                    || l.endsWith(": tardanza o ausencia de más de 30 minutos sin excusa válida")), letter);
        }
        for (String letter : letters("2025-09-15", "es")) {
            assertTrue(letter.contains("servicios de salud mental"), letter);
            assertFalse(letter.contains("infracción") || letter.contains("Código de Vehículos"), letter);
        }
    }

    /** Each letter lists exactly its student's unexcused absences and long tardies up to the truancy date. */
    @Test
    void eachLetterListsExactlyItsStudentsQualifyingDates() throws Exception {
        Map<String, List<LocalDate>> expected = qualifyingDates("2025-09-15");
        assertFalse(expected.isEmpty(), "some students are truant by then");
        List<String> letters = letters("2025-09-15", "en");
        assertEquals(expected.size(), letters.size(), "one letter per truant student");
        for (String letter : letters) {
            String student = expected.keySet().stream().filter(id -> letter.contains("(student ID " + id + ")")).findFirst()
                    .orElseThrow(() -> new AssertionError("a letter for no truant student: " + letter));
            List<String> listed = letter.lines().filter(l -> l.matches("^[A-Z][a-z]+day, .*: .*")).toList();
            assertEquals(expected.get(student).stream().map(d -> d.format(LETTER_DATE)).toList(),
                    listed.stream().map(l -> l.substring(0, l.indexOf(':'))).toList(), letter);
        }
        Path csv = dir.resolve("letters-2025-09-15-en-mail-merge.csv");
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("student_id,local_id,"), lines.get(0));
        List<String> order = letters.stream().map(l -> l.substring(l.indexOf("(student ID ") + 12, l.indexOf(')', l.indexOf("(student ID ")))).toList();
        assertEquals(order, lines.subList(1, lines.size()).stream().map(l -> l.split(",")[1]).toList(),
                "the letters come in the list's order (by student)");
        assertEquals(expected.size() + 1, lines.size(), "a row per letter");
        for (Map.Entry<String, List<LocalDate>> e : expected.entrySet()) {
            String dates = String.join("; ", e.getValue().stream().map(LocalDate::toString).toList());
            assertTrue(lines.stream().anyMatch(l -> l.contains("," + e.getKey() + ",") && l.contains(dates)),
                    e.getKey() + " " + dates + " in " + lines);
        }
    }

    private static List<String> letters(String noticeDate, String language) throws Exception {
        Path out = dir.resolve("letters-" + noticeDate + "-" + language + ".pdf");
        Run run = run("report", "truancy-letters", "-w", workspace.toString(), "--out", out.toString(), "--param",
                "notice_date=" + noticeDate, "--param", "language=" + language, "--param", "signer=Ana Ruiz, Attendance Office");
        assertEquals(0, run.exitCode(), run.err());
        List<String> letters = new ArrayList<>();
        try (PDDocument pdf = Loader.loadPDF(out.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                letters.add(stripper.getText(pdf));
            }
        }
        return letters;
    }

    /** Local id to the dates of the unexcused absences and long tardies up to each truant student's truancy date. */
    private static Map<String, List<LocalDate>> qualifyingDates(String noticeDate) throws Exception {
        Map<String, LocalDate> truant = new LinkedHashMap<>();
        Map<Long, String> localIds = new LinkedHashMap<>();
        try (Connection c = RollCallDriver.open(workspace); PreparedStatement s = c.prepareStatement("""
                select st.student_id, st.local_id, t.truant_date from truancy_status t
                  join students st on st.student_id = t.student_id
                 where t.school_year = '2025-26' and t.truant_date <= date '""" + noticeDate + "'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                truant.put(rs.getString(2), rs.getDate(3).toLocalDate());
                localIds.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<String, List<LocalDate>> dates = new LinkedHashMap<>();
        try (Workspace store = Workspace.open(workspace); PreparedStatement s = store.connection().prepareStatement("""
                select d.student_id, d.attendance_date from daily_attendance d
                 where d.category in ('unexcused', 'tardy') and d.attendance_date >= '2025-07-01'
                 order by d.student_id, d.attendance_date""");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String local = localIds.get(rs.getLong(1));
                LocalDate date = LocalDate.parse(rs.getString(2));
                if (local != null && !date.isAfter(truant.get(local))) {
                    dates.computeIfAbsent(local, k -> new ArrayList<>()).add(date);
                }
            }
        }
        return dates;
    }
}
