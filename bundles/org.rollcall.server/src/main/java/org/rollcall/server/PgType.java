package org.rollcall.server;

import java.sql.Types;

/** The PostgreSQL type (pg_type OID and length) a JDBC column type is described as in RowDescription. */
record PgType(int oid, int length) {

    static PgType of(int jdbcType) {
        return switch (jdbcType) {
            case Types.BIGINT -> new PgType(20, 8);
            case Types.INTEGER -> new PgType(23, 4);
            case Types.SMALLINT, Types.TINYINT -> new PgType(21, 2);
            case Types.DOUBLE, Types.FLOAT -> new PgType(701, 8);
            case Types.REAL -> new PgType(700, 4);
            case Types.DECIMAL, Types.NUMERIC -> new PgType(1700, -1);
            case Types.BOOLEAN, Types.BIT -> new PgType(16, 1);
            case Types.DATE -> new PgType(1082, 4);
            case Types.TIME -> new PgType(1083, 8);
            case Types.TIMESTAMP -> new PgType(1114, 8);
            case Types.TIMESTAMP_WITH_TIMEZONE -> new PgType(1184, 8);
            case Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR -> new PgType(1043, -1);
            case Types.CHAR, Types.NCHAR -> new PgType(1042, -1);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> new PgType(17, -1);
            default -> new PgType(25, -1);
        };
    }
}
