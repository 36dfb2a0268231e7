package org.rollcall.sources.file;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.rollcall.sources.Presets;
import org.rollcall.store.metrics.DataQuestViews;

/**
 * Writes the district's DataQuest-definition chronic absenteeism in the layout of the CDE's download file
 * (cde.ca.gov/ds/ad/fsabd.asp): district and school rows, all charters and DASS, one row per reporting category
 * that is a Dashboard group, with the cells chronic_absence_published withholds (groups of 10 or fewer students, as
 * the CDE suppresses them, and the cells that would let a reader compute those by subtraction) written as *. District
 * rows are the workspace's district (the rates' district level assumes one district per workspace).
 */
final class DataQuestFile {

    static final String FILE_NAME = "chronicabsenteeism.txt";
    static final String PRESET = "dataquest-chronic-absenteeism";

    private static final String HEADER = String.join("\t", "AcademicYear", "AggregateLevel", "CountyCode",
            "DistrictCode", "SchoolCode", "CountyName", "DistrictName", "SchoolName", "CharterSchool", "DASS",
            "ReportingCategory", "ChronicAbsenteeismEligibleCumulativeEnrollment", "ChronicAbsenteeismCount",
            "ChronicAbsenteeismRate");

    private DataQuestFile() {
    }

    /** Writes the file and, beside it, the preset mapping that imports it; returns the file. */
    static Path write(Connection connection, Path dir) throws IOException, SQLException {
        Path file = dir.resolve(FILE_NAME);
        String sql = """
                SELECT r.school_year, CASE r.reporting_level WHEN 'SCHOOL' THEN 'S' ELSE 'D' END,
                       SUBSTR(d.district_code, 1, 2), SUBSTR(d.district_code, 3, 5),
                       COALESCE(SUBSTR(r.school_code, 8, 7), '0000000'), d.county_name, d.district_name,
                       COALESCE(s.school_name, ''), k.category, r.suppressed, r.eligible_students, r.chronic_students,
                       r.chronic_rate
                  FROM chronic_absence_published r
                  JOIN (%s) k ON k.student_group = r.student_group
                  LEFT JOIN schools s ON s.school_code = r.school_code
                  JOIN districts d ON d.district_code = COALESCE(s.district_code, d.district_code)
                 WHERE r.definition = 'DATAQUEST'
                 ORDER BY r.school_year, r.reporting_level, r.school_code, k.category
                """.formatted(DataQuestViews.categoryRows());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            out.write(HEADER);
            out.write('\n');
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= 8; column++) {
                    line.append(rs.getString(column)).append('\t');
                }
                line.append("All\tAll\t").append(rs.getString(9)).append('\t');
                // a withheld cell has every count withheld, as the CDE's * does (fsabd.asp)
                if (rs.getBoolean(10)) {
                    line.append("*\t*\t*");
                } else {
                    line.append(rs.getLong(11)).append('\t').append(rs.getLong(12)).append('\t').append(rs.getString(13));
                }
                out.write(line.append('\n').toString());
            }
        }
        Files.writeString(dir.resolve("chronicabsenteeism.yaml"), Presets.text(PRESET), StandardCharsets.UTF_8);
        return file;
    }
}
