package org.rollcall.server;

import java.sql.Types;

/** The PostgreSQL type (pg_type OID and length) a JDBC column type is described as in RowDescription. */
record PgType(int oid, int length) {

    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int UNKNOWN = 705;
    static final int BPCHAR = 1042;
    static final int VARCHAR = 1043;
    static final int DATE = 1082;
    static final int TIME = 1083;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int NUMERIC = 1700;

    static PgType of(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT -> new PgType(INT8, 8);
            case Types.INTEGER -> new PgType(INT4, 4);
            case Types.SMALLINT, Types.TINYINT -> new PgType(INT2, 2);
            case Types.DOUBLE, Types.FLOAT -> new PgType(FLOAT8, 8);
            case Types.REAL -> new PgType(FLOAT4, 4);
            case Types.DECIMAL, Types.NUMERIC -> new PgType(NUMERIC, -1);
            case Types.BOOLEAN, Types.BIT -> new PgType(BOOL, 1);
            case Types.DATE -> new PgType(DATE, 4);
            case Types.TIME -> new PgType(TIME, 8);
            case Types.TIMESTAMP -> new PgType(TIMESTAMP, 8);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new PgType(TIMESTAMPTZ, 8);
            case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR -> new PgType(VARCHAR, -1);
            case Types.CHAR, Types.NCHAR -> new PgType(BPCHAR, -1);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> new PgType(BYTEA, -1);
            default -> new PgType(TEXT, -1);
        };
    }

    /** The SQL type a parameter of this PostgreSQL type is cast to when the engine cannot infer it, or null. */
    static String sqlName(int oid) {
        return switch (oid) {
            case BOOL -> "BOOLEAN";
            case INT2 -> "SMALLINT";
            case INT4 -> "INTEGER";
            case INT8 -> "BIGINT";
            case FLOAT4 -> "REAL";
            case FLOAT8 -> "DOUBLE";
            case NUMERIC -> "DECIMAL(19, 9)"; // the engine's widest; PostgreSQL's numeric has no fixed scale
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP, TIMESTAMPTZ -> "TIMESTAMP";
            case BYTEA -> "VARBINARY";
            default -> "VARCHAR";
        };
    }
}
