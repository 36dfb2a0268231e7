package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;

/**
 * The shipped daily-attendance presets read files written in their layouts (fixtures/: the mini district's four
 * students over three days, as a CSV with US dates, a tab-delimited Latin-1 file with a title line, and a
 * fixed-width extract), once the district's school numbers are added, as the presets tell users to do.
 */
class PresetFixtureTest {

    private static final String SCHOOLS = """
            schools:
              "101": "19647330000001"
              "102": "19647330000002"
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"daily-attendance-csv, daily-attendance.csv",
        "daily-attendance-tab-latin1, daily-attendance-tab-latin1.txt",
        "daily-attendance-fixed-width, daily-attendance-fixed-width.dat"})
    void aPresetReadsAnExportInItsLayout(String preset, String fixture) throws Exception {
        Path workspace = MiniDistrict.create(dir);
        Path file = dir.resolve(fixture);
        try (InputStream in = PresetFixtureTest.class.getResourceAsStream("/fixtures/" + fixture)) {
            Files.copy(in, file);
        }
        Mapping mapping = Mapping.parse(preset + " + schools", Presets.text(preset) + SCHOOLS);
        FileResult result = MiniDistrict.importFile(workspace, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(12, result.read());
        assertEquals(12, result.loaded(), result.problems().toString());
        // student 1001: excused on 9/4; 1002 tardy on 9/3; 1003 suspended on 9/4; 1004 unexcused on 9/3
        assertEquals("1|excused\n2|tardy\n3|suspension_out\n4|unexcused\n", MiniDistrict.dump(workspace,
                "SELECT student_id, category FROM daily_attendance WHERE category <> 'present' ORDER BY 1"));
        assertEquals("3|1|0|0\n3|0|0|1\n3|1|1|0\n3|1|0|0\n", MiniDistrict.dump(workspace,
                "SELECT days_expected, days_absent, days_suspension_out, days_tardy FROM attendance_summary ORDER BY student_id"));
    }
}
