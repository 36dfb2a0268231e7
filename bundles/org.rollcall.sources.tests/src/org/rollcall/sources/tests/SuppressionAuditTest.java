package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.file.Exporter;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.Workspace;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * An auditor that reads only what RollCall publishes (chronic_absence_published, absence_reasons_by_group,
 * goal_progress and the DataQuest export) and, for every total published with its parts (race/ethnicity groups
 * within ALL, schools within the district), tries to compute a withheld cell by subtracting the published parts
 * from the total.
 */
class SuppressionAuditTest {

    private static final Set<String> RACES = Set.of("AA", "AI", "AS", "FI", "HI", "PI", "WH", "MR");
    private static final Map<String, String> RACE_CATEGORIES = Map.of("RB", "AA", "RI", "AI", "RA", "AS", "RF",
            "FI", "RH", "HI", "RP", "PI", "RW", "WH", "RT", "MR");
    static final String ALDER = "19647330000001";
    static final String BIRCH = "19647330000002";

    @TempDir
    Path dir;

    /** One published cell: null numbers where withheld, the reason where the publication names it. */
    record Cell(List<Object> key, Long students, Long chronic, String reason) {
        boolean withheld() {
            return students == null;
        }
    }

    @Test
    void noWithheldCellOfAGeneratedDistrictCanBeComputedFromThePublishedOnes() throws Exception {
        Path workspace = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(2500, 1, 7, 2024), workspace, (phase, done, total) -> {
        });
        List<Cell> rates = publishedRates(workspace);
        assertTrue(rates.stream().anyMatch(Cell::withheld), "the district has groups of 10 or fewer");
        assertEquals(List.of(), recoveries(rates), "chronic_absence_published");
        assertEquals(List.of(), recoveries(absenceReasons(workspace)), "absence_reasons_by_group");
        List<Cell> exported = exportedRates(workspace);
        assertTrue(exported.stream().anyMatch(Cell::withheld));
        assertEquals(List.of(), recoveries(exported), "the DataQuest export");
    }

    @Test
    void aTinyGroupIsWithheldWithTheNextSmallestInEveryTotalThatHoldsIt() throws Exception {
        Path workspace = tinyGroupDistrict();
        // Alder: 20 Hispanic, 14 White, 3 Pacific Islander students; Birch: 30 Hispanic. PI is withheld for its
        // size, White at Alder beside it; the district's White students are Alder's, so they go too.
        assertEquals("""
                DISTRICT||ALL|67|12|17.9|
                DISTRICT||HI|50|8|16.0|
                DISTRICT||PI||||PRIMARY
                DISTRICT||WH||||COMPLEMENTARY
                SCHOOL|19647330000001|ALL|37|9|24.3|
                SCHOOL|19647330000001|HI|20|5|25.0|
                SCHOOL|19647330000001|PI||||PRIMARY
                SCHOOL|19647330000001|WH||||COMPLEMENTARY
                SCHOOL|19647330000002|ALL|30|3|10.0|
                SCHOOL|19647330000002|HI|30|3|10.0|
                """, MiniDistrict.dump(workspace, "SELECT reporting_level, COALESCE(school_code, ''), student_group, "
                + "COALESCE(eligible_students, ''), COALESCE(chronic_students, ''), COALESCE(chronic_rate, ''), "
                + "COALESCE(suppression, '') FROM chronic_absence_published WHERE definition = 'DATAQUEST' "
                + "ORDER BY 1, 2, 3"));
        assertEquals(List.of(), recoveries(publishedRates(workspace)), "chronic_absence_published");
        assertEquals(List.of(), recoveries(absenceReasons(workspace)), "absence_reasons_by_group");
        assertEquals(List.of(), recoveries(exportedRates(workspace)), "the DataQuest export");
        assertEquals("""
                ALL|67|17.9|
                HI|50|16.0|
                PI|||PRIMARY
                WH|||COMPLEMENTARY
                """, MiniDistrict.dump(workspace, "SELECT student_group, COALESCE(students, ''), "
                + "COALESCE(actual_value, ''), COALESCE(suppression, '') FROM goal_progress ORDER BY student_group"));
    }

    /** Every published total whose withheld parts a reader can compute, with what the reader learns. */
    static List<String> recoveries(List<Cell> cells) {
        List<String> found = new ArrayList<>();
        // race/ethnicity groups within ALL: the key is (level, school, year, ..., group), the group last
        partitions(cells, c -> c.key().subList(0, c.key().size() - 1), c -> last(c).equals("ALL"),
                c -> RACES.contains(last(c)), found);
        // schools within the district: the key starts with the level and the school
        partitions(cells, c -> c.key().subList(2, c.key().size()), c -> c.key().get(0).equals("DISTRICT"),
                c -> c.key().get(0).equals("SCHOOL"), found);
        return found;
    }

    private static Object last(Cell cell) {
        return cell.key().get(cell.key().size() - 1);
    }

    private static void partitions(List<Cell> cells, Function<Cell, List<Object>> within,
            java.util.function.Predicate<Cell> isTotal, java.util.function.Predicate<Cell> isPart, List<String> found) {
        Map<List<Object>, Cell> totals = new LinkedHashMap<>();
        Map<List<Object>, List<Cell>> parts = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (isTotal.test(cell)) {
                totals.put(within.apply(cell), cell);
            } else if (isPart.test(cell)) {
                parts.computeIfAbsent(within.apply(cell), k -> new ArrayList<>()).add(cell);
            }
        }
        totals.forEach((key, total) -> {
            if (!total.withheld()) {
                attack(total, parts.getOrDefault(key, List.of()), found);
            }
        });
    }

    /**
     * The reader knows each withheld cell has 1 to 10 students when it is PRIMARY, more when COMPLEMENTARY, and 1
     * to the total when no reason is published; and at most as many chronically absent students as students. A
     * cell whose least and most possible values meet is recovered.
     */
    private static void attack(Cell total, List<Cell> parts, List<String> found) {
        List<Cell> withheld = parts.stream().filter(Cell::withheld).toList();
        if (withheld.isEmpty()) {
            return;
        }
        long students = total.students() - parts.stream().filter(c -> !c.withheld()).mapToLong(Cell::students).sum();
        long[] low = withheld.stream().mapToLong(c -> "COMPLEMENTARY".equals(c.reason()) ? 11 : 1).toArray();
        long[] high = withheld.stream().mapToLong(c -> "PRIMARY".equals(c.reason()) ? 10 : total.students())
                .toArray();
        check(total, withheld, "students", students, low, high, found);
        if (total.chronic() != null && total.chronic() > 0) {
            long chronic = total.chronic()
                    - parts.stream().filter(c -> !c.withheld()).mapToLong(Cell::chronic).sum();
            check(total, withheld, "chronically absent", chronic, new long[withheld.size()], high, found);
        }
    }

    private static void check(Cell total, List<Cell> withheld, String what, long sum, long[] low, long[] high,
            List<String> found) {
        long lows = Arrays.stream(low).sum();
        long highs = Arrays.stream(high).sum();
        for (int i = 0; i < withheld.size(); i++) {
            long least = Math.max(low[i], sum - (highs - high[i]));
            long most = Math.min(high[i], sum - (lows - low[i]));
            if (least == most) {
                found.add(withheld.get(i).key() + " has " + least + " " + what + ", from " + total.key());
            }
        }
    }

    private static List<Cell> publishedRates(Path workspace) throws SQLException {
        return cells(workspace, "SELECT reporting_level, school_code, school_year, definition, student_group, "
                + "eligible_students, chronic_students, suppression FROM chronic_absence_published", 5);
    }

    private static List<Cell> absenceReasons(Path workspace) throws SQLException {
        // the district level only; days expected add up over groups as students do (no reason bounds days)
        List<Cell> cells = new ArrayList<>(cells(workspace, "SELECT 'DISTRICT', NULL, school_year, student_group, "
                + "students, NULL, suppression FROM absence_reasons_by_group", 4));
        cells.addAll(cells(workspace, "SELECT 'DISTRICT', NULL, school_year, 'days', student_group, days_expected, "
                + "NULL, NULL FROM absence_reasons_by_group", 5));
        return cells;
    }

    private static List<Cell> cells(Path workspace, String sql, int keyColumns) throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (Connection c = Workspace.dataSource(workspace, true).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> key = new ArrayList<>();
                for (int i = 1; i <= keyColumns; i++) {
                    key.add(rs.getString(i) == null ? "" : rs.getString(i));
                }
                cells.add(new Cell(key, number(rs, keyColumns + 1), number(rs, keyColumns + 2),
                        rs.getString(keyColumns + 3)));
            }
        }
        return cells;
    }

    private static Long number(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The DataQuest export's rows of total and race categories, as the file gives them (* withheld, no reason). */
    private List<Cell> exportedRates(Path workspace) throws Exception {
        Path file = Exporter.export(workspace, dir.resolve("dq"), Exporter.Format.DATAQUEST, StandardCharsets.UTF_8,
                ImportProgress.NONE).get(0);
        List<Cell> cells = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            String group = f[10].equals("TA") ? "ALL" : RACE_CATEGORIES.getOrDefault(f[10], f[10]);
            List<Object> key = List.of(f[1].equals("S") ? "SCHOOL" : "DISTRICT", f[4], f[0], group);
            boolean withheld = f[11].equals("*");
            cells.add(new Cell(key, withheld ? null : Long.valueOf(f[11]), withheld ? null : Long.valueOf(f[12]),
                    null));
        }
        return cells;
    }

    /**
     * Two schools, one year of 40 instructional days, everyone in grade 3 for all of it (so the three definitions
     * agree); a chronically absent student misses the first 4 days (10%). Alder: 20 Hispanic (5 chronic), 14 White
     * (2), 3 Pacific Islander (2); Birch: 30 Hispanic (3). A DATAQUEST goal for ALL and each group.
     */
    private Path tinyGroupDistrict() {
        Path file = dir.resolve("tiny-group.rollcall");
        LocalDate first = LocalDate.of(2024, 8, 19);
        Workspace.build(file, w -> {
            try (BatchWriter d = w.writer(CanonicalSchema.DISTRICTS)) {
                d.add("1964733", "Tiny Group Unified", "19", "Los Angeles");
            }
            try (BatchWriter y = w.writer(CanonicalSchema.SCHOOL_YEARS)) {
                y.add("2024-25", LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30), first, first.plusDays(39));
            }
            try (BatchWriter c = w.writer(CanonicalSchema.CALENDAR_DAYS)) {
                for (int day = 0; day < 40; day++) {
                    c.add(first.plusDays(day), "2024-25", 1, "INSTRUCTIONAL", null);
                }
            }
            try (BatchWriter k = w.writer(CanonicalSchema.ATTENDANCE_CODES)) {
                k.add("P", "Present", "present", null);
                k.add("U", "Unverified absence", "unexcused", null);
            }
            try (BatchWriter s = w.writer(CanonicalSchema.SCHOOLS)) {
                s.add(ALDER, "1964733", "Alder Elementary", "ELEMENTARY", "TK", "05");
                s.add(BIRCH, "1964733", "Birch Elementary", "ELEMENTARY", "TK", "05");
            }
            Object[][] groups = {{ALDER, "HI", 20, 5}, {ALDER, "WH", 14, 2}, {ALDER, "PI", 3, 2}, {BIRCH, "HI", 30, 3}};
            int id = 0;
            try (BatchWriter students = w.writer(CanonicalSchema.STUDENTS);
                    BatchWriter enrollments = w.writer(CanonicalSchema.ENROLLMENTS);
                    BatchWriter days = w.writer(CanonicalSchema.DAILY_ATTENDANCE)) {
                for (Object[] group : groups) {
                    for (int n = 0; n < (int) group[2]; n++) {
                        id++;
                        students.add(id, String.format("30000%05d", id), "L" + id, "First" + id, "Last" + id,
                                LocalDate.of(2016, 1, 1), "F", group[1]);
                        enrollments.add(id, id, group[0], "2024-25", "03", "10", first, null, null);
                        boolean chronic = n < (int) group[3];
                        for (int day = 0; day < 40; day++) {
                            boolean absent = chronic && day < 4;
                            days.add(id, group[0], first.plusDays(day), absent ? "unexcused" : "present",
                                    absent ? "U" : "P", null);
                        }
                    }
                }
            }
            try (BatchWriter goals = w.writer(CanonicalSchema.GOALS)) {
                int goal = 0;
                for (String group : List.of("ALL", "HI", "WH", "PI")) {
                    goals.add(++goal, "LCAP", "Chronic absence of " + group + " under 15%", "CHRONIC_ABSENCE_RATE",
                            "DATAQUEST", group, "2024-25", 20.0, "2024-25", 15.0, "DECREASE");
                }
            }
        });
        return file;
    }
}
