package org.rollcall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.rollcall.model.Column;
import org.rollcall.model.Table;

import me.tongfei.progressbar.ProgressBar;

/**
 * Copies canonical tables of a workspace into PostgreSQL with COPY, in their canonical names and types and with
 * their primary keys: the warehouse a COE keeps, which the live benchmark then queries through RollCall.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    static void copy(Connection sqlite, Connection postgres, String schema, List<Table> tables)
            throws SQLException, IOException {
        try (Statement s = postgres.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        for (Table table : tables) {
            copy(sqlite, postgres, schema + "." + table.name(), table);
        }
        try (Statement s = postgres.createStatement()) {
            for (Table table : tables) {
                s.execute("ALTER TABLE " + schema + "." + table.name() + " ADD PRIMARY KEY ("
                        + String.join(", ", table.primaryKey()) + ")");
            }
            s.execute("ANALYZE");
        }
    }

    private static void copy(Connection sqlite, Connection postgres, String target, Table table)
            throws SQLException, IOException {
        try (Statement s = postgres.createStatement()) {
            s.execute("CREATE TABLE " + target + " (" + table.columns().stream()
                    .map(c -> c.name() + " " + postgresType(c)).collect(Collectors.joining(", ")) + ")");
        }
        long rows;
        try (Statement count = sqlite.createStatement();
                ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + table.name())) {
            rows = rs.next() ? rs.getLong(1) : 0;
        }
        CopyIn copy = postgres.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target + " FROM STDIN WITH (FORMAT csv)");
        int columns = table.columns().size();
        StringBuilder buffer = new StringBuilder(1 << 17);
        try (Statement read = sqlite.createStatement();
                ResultSet rs = read.executeQuery("SELECT " + String.join(", ", table.columnNames()) + " FROM "
                        + table.name());
                ProgressBar bar = new ProgressBar("PostgreSQL " + table.name(), rows)) {
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    if (i > 1) {
                        buffer.append(',');
                    }
                    String value = rs.getString(i);
                    if (value != null) {
                        // quoted, so that an empty text stays empty and only an absent value is NULL
                        buffer.append('"').append(value.replace("\"", "\"\"")).append('"');
                    }
                }
                buffer.append('\n');
                if (buffer.length() > (1 << 16)) {
                    write(copy, buffer);
                }
                bar.step();
            }
            write(copy, buffer);
            copy.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private static String postgresType(Column column) {
        return switch (column.type()) {
            case INTEGER -> "BIGINT";
            case DOUBLE -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TEXT -> "TEXT";
        };
    }
}
