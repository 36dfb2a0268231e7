package org.rollcall.synthetic.tests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads single numbers from a workspace with plain SQLite SQL. */
final class Sql {

    private Sql() {
    }

    static double number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getDouble(1);
        }
    }
}
