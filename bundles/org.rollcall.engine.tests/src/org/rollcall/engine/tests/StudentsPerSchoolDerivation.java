package org.rollcall.engine.tests;

import static org.rollcall.model.Column.required;
import static org.rollcall.model.ColumnType.INTEGER;
import static org.rollcall.model.ColumnType.TEXT;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.rollcall.model.ForeignKey;
import org.rollcall.model.Table;
import org.rollcall.store.spi.Derivation;
import org.rollcall.store.spi.DerivationProgress;

/**
 * A derivation this test bundle contributes the way a plugin or the analysis bundle does (a services file and
 * {@code Eclipse-RegisterBuddy: org.rollcall.store}): students with a summary per school and year.
 */
public final class StudentsPerSchoolDerivation implements Derivation {

    static final Table TABLE = new Table("test_students_per_school",
            "Students with attendance at each school in each year (a derivation of the engine's tests).",
            List.of(required("school_code", TEXT, "The school"), required("school_year", TEXT, "Academic year"),
                    required("students", INTEGER, "Students with a summary there")),
            List.of("school_code", "school_year"),
            List.of(ForeignKey.of("school_code", "schools", "school_code")));

    @Override
    public String name() {
        return "test-students-per-school";
    }

    @Override
    public List<Table> tables() {
        return List.of(TABLE);
    }

    @Override
    public void fill(Connection connection, DerivationProgress progress) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO test_students_per_school SELECT school_code, school_year, "
                    + "COUNT(DISTINCT student_id) FROM attendance_summary GROUP BY school_code, school_year");
        }
    }
}
