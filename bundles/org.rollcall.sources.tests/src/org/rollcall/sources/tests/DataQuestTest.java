package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;
import org.rollcall.sources.file.Exporter;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The CDE's DataQuest chronic absenteeism file: its layout read with the shipped preset (suppressed cells,
 * other levels, filters and categories), and the district's own rates written in that layout and read back
 * beside its computed ones, where they agree.
 */
class DataQuestTest {

    @TempDir
    Path dir;

    @Test
    void aPublishedFileIsReadAndPutBesideTheDistrictsRates() throws Exception {
        Path workspace = MiniDistrict.create(dir);
        Path file = dir.resolve("chronicabsenteeism24.txt");
        try (InputStream in = DataQuestTest.class.getResourceAsStream("/fixtures/dataquest-chronic-absenteeism.txt")) {
            Files.copy(in, file);
        }
        FileResult result = MiniDistrict.importFile(workspace, file, Presets.load("dataquest-chronic-absenteeism"), false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(9, result.read());
        assertEquals(8, result.loaded(), "every row but the unknown aggregate level X");
        assertEquals("'X' is not one of C, D, S, T", MiniDistrict.dump(workspace, "SELECT reason FROM import_quarantine")
                .strip());
        assertEquals(1, MiniDistrict.count(workspace, "SELECT COUNT(*) FROM dataquest_chronic_absence WHERE "
                + "cds_school = '0000001' AND reporting_category = 'RP' AND eligible_enrollment IS NULL "
                + "AND chronic_rate IS NULL"), "a suppressed cell (*) is empty");
        // compared: the district total and Alder's two rows; not the state, county, charter-only, gender or other
        // district's school rows. The mini district's students have too few days to be eligible: RollCall has no rate.
        assertEquals("""
                DISTRICT||ALL|TA|||1200|150|12.5
                SCHOOL|19647330000001|PI|RP|||||
                SCHOOL|19647330000001|ALL|TA|||450|45|10.0
                """, MiniDistrict.dump(workspace, "SELECT reporting_level, COALESCE(school_code, ''), student_group, "
                + "reporting_category, COALESCE(eligible_students, ''), COALESCE(chronic_rate, ''), "
                + "COALESCE(published_eligible, ''), COALESCE(published_chronic, ''), COALESCE(published_rate, '') "
                + "FROM dataquest_comparison ORDER BY 1, 2, 4"));
    }

    @Test
    void theDistrictsRatesWrittenAsTheCdePublishesThemReadBackEqual() throws Exception {
        Path workspace = dir.resolve("district.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(400, 2, 23, 2023), workspace, (phase, done, total) -> {
        });
        List<Path> files = Exporter.export(workspace, dir.resolve("dq"), Exporter.Format.DATAQUEST,
                java.nio.charset.StandardCharsets.UTF_8, ImportProgress.NONE);
        Path file = files.get(0);
        Mapping mapping = Mapping.load(file.resolveSibling("chronicabsenteeism.yaml"));
        FileResult result = MiniDistrict.importFile(workspace, file, mapping, false);
        assertEquals(FileResult.Status.LOADED, result.status(), result.message());
        assertEquals(0, result.quarantined(), result.problems().toString());
        long compared = MiniDistrict.count(workspace, "SELECT COUNT(*) FROM dataquest_comparison");
        assertEquals(result.loaded(), compared, "every written row is compared");
        long published = MiniDistrict.count(workspace, "SELECT COUNT(*) FROM dataquest_comparison "
                + "WHERE published_rate IS NOT NULL");
        assertTrue(published > 10, "schools and groups above the suppression size: " + published);
        assertEquals(0, MiniDistrict.count(workspace, "SELECT COUNT(*) FROM dataquest_comparison WHERE published_rate "
                + "IS NOT NULL AND (rate_difference <> 0 OR published_eligible <> eligible_students "
                + "OR published_chronic <> chronic_students)"));
        assertEquals(0, MiniDistrict.count(workspace, "SELECT COUNT(*) FROM dataquest_comparison c WHERE published_rate "
                + "IS NULL AND eligible_students > 10 AND NOT EXISTS (SELECT 1 FROM chronic_absence_published p "
                + "WHERE p.definition = 'DATAQUEST' AND p.school_year = c.school_year "
                + "AND p.reporting_level = c.reporting_level AND COALESCE(p.school_code, '') = COALESCE(c.school_code, '') "
                + "AND p.student_group = c.student_group AND p.suppression = 'COMPLEMENTARY')"),
                "groups of more than 10 are suppressed only as complements");
        assertEquals(MiniDistrict.count(workspace, "SELECT COUNT(*) FROM chronic_absence_rates WHERE definition = "
                + "'DATAQUEST' AND student_group <> 'LTEL'"), compared, "every DataQuest rate of a published group");
    }
}
