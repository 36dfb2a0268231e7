package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.sources.Entity;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;
import org.rollcall.sources.file.Exporter;
import org.rollcall.synthetic.DistrictGenerator;
import org.rollcall.synthetic.GeneratorSettings;

/**
 * The synthetic district exported to each file format and imported into a new workspace gives the same
 * metrics as the original: the import path loses, adds and changes nothing.
 */
class RoundTripTest {

    /** The metric views compared, each in a total order. */
    static final List<String> METRICS = List.of(
            "SELECT * FROM district_snapshot ORDER BY 1",
            "SELECT * FROM chronic_absence_rates ORDER BY 1, 2, 3, 4, 5",
            "SELECT * FROM chronic_absence_by_school ORDER BY 1, 2",
            "SELECT * FROM early_warning ORDER BY 1, 2",
            "SELECT * FROM truancy_status ORDER BY 1, 2",
            "SELECT * FROM absence_reasons_by_group ORDER BY 1, 2, 3",
            "SELECT * FROM school_priority ORDER BY 1, 2",
            "SELECT * FROM student_school_year ORDER BY 1, 2, 3",
            "SELECT * FROM attendance_summary ORDER BY 1, 2, 3");

    @TempDir
    static Path dir;
    static Path original;

    @BeforeAll
    static void generate() {
        original = dir.resolve("original.rollcall");
        DistrictGenerator.generate(new GeneratorSettings(250, 2, 31, 2023), original, (phase, done, total) -> {
        });
    }

    @ParameterizedTest
    @EnumSource(value = Exporter.Format.class, names = {"CSV", "FIXED_WIDTH"})
    void exportedAndReimportedTheDistrictHasTheSameMetrics(Exporter.Format format) throws Exception {
        Charset encoding = format == Exporter.Format.CSV ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        Path files = dir.resolve(format.name());
        List<Path> exported = new ArrayList<>(Exporter.export(original, files, format, encoding, ImportProgress.NONE));
        long nonEmpty = 0;
        for (Entity entity : Entity.values()) {
            nonEmpty += MiniDistrict.count(original, "SELECT COUNT(*) > 0 FROM " + entity.tableName());
        }
        assertEquals(nonEmpty, exported.size(), "a file for every table with rows: " + exported);
        Path copy = dir.resolve(format + ".rollcall");
        org.rollcall.store.Workspace.build(copy, w -> {
        });
        exported.sort(Comparator.comparingInt(RoundTripTest::loadOrder));
        Importer importer = new Importer(copy, ImportProgress.NONE);
        long loaded = 0;
        for (Path file : exported) {
            String name = file.getFileName().toString();
            Mapping mapping = Mapping.load(file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".yaml"));
            FileResult result = importer.importFile(SourceAdapters.named(mapping.format()), new SourceInput(file, mapping),
                    false);
            assertEquals(FileResult.Status.LOADED, result.status(), result.message());
            assertEquals(0, result.quarantined(), name + ": " + result.problems());
            loaded += result.loaded();
        }
        assertTrue(loaded > 250 * 150, "the days were loaded: " + loaded);
        for (String metric : METRICS) {
            String expected = MiniDistrict.dump(original, metric);
            assertTrue(expected.length() > 0, metric + " has rows");
            assertEquals(expected, MiniDistrict.dump(copy, metric), metric);
        }
        assertEquals(MiniDistrict.dump(original, "SELECT local_id, ssid, first_name, last_name, birth_date FROM students ORDER BY 1"),
                MiniDistrict.dump(copy, "SELECT local_id, ssid, first_name, last_name, birth_date FROM students ORDER BY 1"));
    }

    private static int loadOrder(Path file) {
        String name = file.getFileName().toString();
        return Entity.named(name.substring(0, name.lastIndexOf('.'))).orElseThrow().ordinal();
    }
}
