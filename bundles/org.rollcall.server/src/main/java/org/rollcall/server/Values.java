package org.rollcall.server;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import org.postgresql.util.ByteConverter;

/**
 * Result values in PostgreSQL's text and binary formats
 * (https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-FORMAT-CODES; the binary layouts are
 * those of each type's send function: big-endian integers, IEEE floats, days and microseconds since 2000-01-01).
 */
final class Values {

    /** PostgreSQL's epoch for dates and timestamps in binary format. */
    static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);

    private Values() {
    }

    /** A value in PostgreSQL's text format, or null for NULL. */
    static String text(ResultSet rows, int column, int type) throws SQLException {
        switch (type) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rows.getBoolean(column);
                return rows.wasNull() ? null : value ? "t" : "f";
            }
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> {
                double value = rows.getDouble(column);
                if (rows.wasNull()) {
                    return null;
                }
                if (Double.isNaN(value)) {
                    return "NaN";
                }
                if (Double.isInfinite(value)) {
                    return value > 0 ? "Infinity" : "-Infinity";
                }
                // the shortest text that reads back as the same double, as PostgreSQL 12+ prints float8
                String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
                return plain.equals("-0") ? "-0" : plain;
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = rows.getBigDecimal(column);
                return value == null ? null : value.toPlainString();
            }
            default -> {
                return rows.getString(column);
            }
        }
    }

    /** A value in the binary format of {@code type} (its PostgreSQL type), or null for NULL. */
    static byte[] binary(ResultSet rows, int column, int jdbcType, PgType type) throws SQLException {
        byte[] bytes;
        switch (type.oid()) {
            case PgType.BOOL -> {
                boolean value = rows.getBoolean(column);
                return rows.wasNull() ? null : new byte[] {(byte) (value ? 1 : 0)};
            }
            case PgType.INT2 -> {
                short value = rows.getShort(column);
                bytes = new byte[2];
                ByteConverter.int2(bytes, 0, value);
            }
            case PgType.INT4 -> {
                int value = rows.getInt(column);
                bytes = new byte[4];
                ByteConverter.int4(bytes, 0, value);
            }
            case PgType.INT8 -> {
                long value = rows.getLong(column);
                bytes = new byte[8];
                ByteConverter.int8(bytes, 0, value);
            }
            case PgType.FLOAT4 -> {
                float value = rows.getFloat(column);
                bytes = new byte[4];
                ByteConverter.float4(bytes, 0, value);
            }
            case PgType.FLOAT8 -> {
                double value = rows.getDouble(column);
                bytes = new byte[8];
                ByteConverter.float8(bytes, 0, value);
            }
            case PgType.NUMERIC -> {
                BigDecimal value = rows.getBigDecimal(column);
                return value == null ? null : ByteConverter.numeric(value);
            }
            case PgType.DATE -> {
                String value = rows.getString(column);
                if (value == null) {
                    return null;
                }
                bytes = new byte[4];
                ByteConverter.int4(bytes, 0, Math.toIntExact(ChronoUnit.DAYS.between(EPOCH, LocalDate.parse(value))));
                return bytes;
            }
            case PgType.TIMESTAMP, PgType.TIMESTAMPTZ -> {
                String value = rows.getString(column);
                if (value == null) {
                    return null;
                }
                bytes = new byte[8];
                LocalDateTime at = LocalDateTime.parse(value.strip().replace(' ', 'T'));
                ByteConverter.int8(bytes, 0, ChronoUnit.MICROS.between(EPOCH.atStartOfDay(), at));
                return bytes;
            }
            case PgType.TIME -> {
                String value = rows.getString(column);
                if (value == null) {
                    return null;
                }
                bytes = new byte[8];
                ByteConverter.int8(bytes, 0, LocalTime.parse(value.strip()).toNanoOfDay() / 1000);
                return bytes;
            }
            case PgType.BYTEA -> {
                return rows.getBytes(column);
            }
            default -> {
                // text, varchar, bpchar and the types described as text: binary is the UTF-8 text itself
                String value = text(rows, column, jdbcType);
                return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            }
        }
        return rows.wasNull() ? null : bytes;
    }
}
