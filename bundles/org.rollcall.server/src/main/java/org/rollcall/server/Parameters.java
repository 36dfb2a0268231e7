package org.rollcall.server;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.util.ByteConverter;

/**
 * Bind parameters: a value in PostgreSQL's text or binary format, read as the parameter's type, then set on the
 * engine's statement. Dates and times are the exception: they are written into the statement as typed literals
 * ({@link #literal}), because no JDBC value works for both of the engine's paths (a {@code java.sql.Date} reaches
 * SQLite, which stores dates as text, as a number and compares wrongly; a string or {@code LocalDate} fails where
 * Calcite evaluates the date itself).
 */
final class Parameters {

    /** A date and time as PostgreSQL prints and clients send it, with an optional zone offset (ignored). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,}-\\d{2}-\\d{2})(?:[ T](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(?:[+-]\\d{2}(?::?\\d{2}){0,2}|Z)?");

    private Parameters() {
    }

    /** The value of a parameter of PostgreSQL type {@code oid} sent in {@code format} (0 text, 1 binary). */
    static Object decode(int oid, int format, byte[] bytes) throws PgError {
        if (bytes == null) {
            return null;
        }
        return format == 0 ? text(oid, new String(bytes, StandardCharsets.UTF_8)) : binary(oid, bytes);
    }

    private static Object text(int oid, String text) throws PgError {
        String value = text.strip();
        try {
            return switch (oid) {
                case PgType.BOOL -> bool(value);
                case PgType.INT2, PgType.INT4 -> Integer.valueOf(value);
                case PgType.INT8 -> Long.valueOf(value);
                case PgType.FLOAT4, PgType.FLOAT8 -> Double.valueOf(value);
                case PgType.NUMERIC -> new BigDecimal(value);
                case PgType.DATE -> timestamp(value).toLocalDate();
                case PgType.TIMESTAMP, PgType.TIMESTAMPTZ -> timestamp(value);
                case PgType.TIME -> LocalTime.parse(value);
                default -> text;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(oid, text);
        }
    }

    private static Boolean bool(String value) throws PgError {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw invalid(PgType.BOOL, value);
        };
    }

    private static LocalDateTime timestamp(String value) throws PgError {
        Matcher m = TIMESTAMP.matcher(value);
        if (!m.matches()) {
            throw invalid(PgType.TIMESTAMP, value);
        }
        LocalDate date = LocalDate.parse(m.group(1));
        return m.group(2) == null ? date.atStartOfDay() : date.atTime(LocalTime.parse(m.group(2)));
    }

    private static Object binary(int oid, byte[] bytes) throws PgError {
        int expected = switch (oid) {
            case PgType.BOOL -> 1;
            case PgType.INT2 -> 2;
            case PgType.INT4, PgType.FLOAT4, PgType.DATE -> 4;
            case PgType.INT8, PgType.FLOAT8, PgType.TIMESTAMP, PgType.TIMESTAMPTZ, PgType.TIME -> 8;
            default -> -1;
        };
        if (expected >= 0 && bytes.length != expected) {
            throw new PgError("22P03", "incorrect binary data format in bind parameter: " + bytes.length
                    + " bytes for a value of type OID " + oid);
        }
        return switch (oid) {
            case PgType.BOOL -> bytes[0] != 0;
            case PgType.INT2 -> (int) ByteConverter.int2(bytes, 0);
            case PgType.INT4 -> ByteConverter.int4(bytes, 0);
            case PgType.INT8 -> ByteConverter.int8(bytes, 0);
            case PgType.FLOAT4 -> (double) ByteConverter.float4(bytes, 0);
            case PgType.FLOAT8 -> ByteConverter.float8(bytes, 0);
            case PgType.NUMERIC -> numeric(bytes);
            case PgType.DATE -> Values.EPOCH.plusDays(ByteConverter.int4(bytes, 0));
            case PgType.TIMESTAMP, PgType.TIMESTAMPTZ -> Values.EPOCH.atStartOfDay()
                    .plusNanos(ByteConverter.int8(bytes, 0) * 1000);
            case PgType.TIME -> LocalTime.ofNanoOfDay(ByteConverter.int8(bytes, 0) * 1000);
            case PgType.BYTEA -> bytes;
            case PgType.TEXT, PgType.VARCHAR, PgType.BPCHAR, PgType.UNKNOWN, 0 -> new String(bytes,
                    StandardCharsets.UTF_8);
            default -> throw new PgError("0A000", "binary format for a parameter of type OID " + oid
                    + " is not supported: send it as text");
        };
    }

    private static BigDecimal numeric(byte[] bytes) throws PgError {
        try {
            Number number = ByteConverter.numeric(bytes);
            if (number instanceof BigDecimal decimal) {
                return decimal;
            }
            throw new PgError("22P03", "numeric parameter " + number + " is not a number the engine can compare");
        } catch (IllegalArgumentException e) {
            throw new PgError("22P03", "incorrect binary data format in numeric bind parameter");
        }
    }

    private static PgError invalid(int oid, String text) {
        String type = switch (oid) {
            case PgType.BOOL -> "boolean";
            case PgType.INT2 -> "smallint";
            case PgType.INT4 -> "integer";
            case PgType.INT8 -> "bigint";
            case PgType.FLOAT4 -> "real";
            case PgType.FLOAT8 -> "double precision";
            case PgType.NUMERIC -> "numeric";
            case PgType.DATE -> "date";
            case PgType.TIME -> "time";
            default -> "timestamp";
        };
        return new PgError("22P02", "invalid input syntax for type " + type + ": \"" + text + "\"");
    }

    /** Whether a parameter of this type goes into the statement's text as a literal rather than as a parameter. */
    static boolean inlined(int oid) {
        return oid == PgType.DATE || oid == PgType.TIME || oid == PgType.TIMESTAMP || oid == PgType.TIMESTAMPTZ;
    }

    /** The SQL literal of a date or time value read by {@link #decode}: made from the value, never from client text. */
    static String literal(Object value, int oid) {
        return switch (value) {
            case LocalDate d -> "DATE '" + d + "'";
            case LocalDateTime t -> "TIMESTAMP '" + t.toLocalDate() + " " + t.toLocalTime() + "'";
            case LocalTime t -> "TIME '" + t + "'";
            case null, default -> "CAST(NULL AS " + PgType.sqlName(oid) + ")";
        };
    }

    /** Sets parameter {@code index} of {@code statement}; a NULL is typed as the engine inferred it. */
    static void bind(PreparedStatement statement, int index, Object value, int jdbcType) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, jdbcType == Types.OTHER ? Types.VARCHAR : jdbcType);
            case Integer i -> statement.setInt(index, i);
            case Long l -> statement.setLong(index, l);
            case Double d -> statement.setDouble(index, d);
            case BigDecimal d -> statement.setBigDecimal(index, d);
            case Boolean b -> statement.setBoolean(index, b);
            case byte[] b -> statement.setBytes(index, b);
            default -> statement.setString(index, value.toString());
        }
    }
}
