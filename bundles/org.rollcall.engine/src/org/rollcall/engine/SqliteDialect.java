package org.rollcall.engine;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.SqliteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's SQL dialect for RollCall's SQLite store. Calcite's own SQLite dialect names the wrong product
 * and has no version (so it pushes no joins); this one is built from the connection's metadata and also
 * casts to SQLite's storage classes and writes dates as the ISO text the store keeps.
 */
final class SqliteDialect extends SqliteSqlDialect {

    /** Builds the dialect from a live SQLite connection. */
    static final SqlDialectFactory FACTORY = SqliteDialect::fromMetaData;

    private SqliteDialect(Context context) {
        super(context);
    }

    static SqlDialect fromMetaData(DatabaseMetaData metaData) {
        Context context = SqlDialect.EMPTY_CONTEXT.withDatabaseProduct(DatabaseProduct.UNKNOWN)
                .withIdentifierQuoteString("\"")
                .withNullCollation(NullCollation.LOW);
        try {
            context = context.withDatabaseProductName(metaData.getDatabaseProductName())
                    .withDatabaseVersion(metaData.getDatabaseProductVersion())
                    .withDatabaseMajorVersion(metaData.getDatabaseMajorVersion())
                    .withDatabaseMinorVersion(metaData.getDatabaseMinorVersion());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the SQLite version: " + e.getMessage(), e);
        }
        return new SqliteDialect(context);
    }

    @Override
    public boolean supportsCharSet() {
        return false;
    }

    @Override
    public SqlNode getCastSpec(RelDataType type) {
        String storageClass = switch (type.getSqlTypeName()) {
            case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT -> "INTEGER";
            case FLOAT, REAL, DOUBLE, DECIMAL -> "REAL";
            case CHAR, VARCHAR, DATE, TIME, TIMESTAMP -> "TEXT";
            default -> null;
        };
        if (storageClass == null) {
            return super.getCastSpec(type);
        }
        return new SqlDataTypeSpec(new SqlAlienSystemTypeNameSpec(storageClass, type.getSqlTypeName(),
                SqlParserPos.ZERO), SqlParserPos.ZERO);
    }

    /** SQLite spells SUBSTRING(s FROM i FOR n) as SUBSTR(s, i, n). */
    @Override
    public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
        if (call.getOperator() == SqlStdOperatorTable.SUBSTRING) {
            SqlWriter.Frame frame = writer.startFunCall("SUBSTR");
            for (SqlNode operand : call.getOperandList()) {
                writer.sep(",");
                operand.unparse(writer, 0, 0);
            }
            writer.endFunCall(frame);
        } else {
            super.unparseCall(writer, call, leftPrec, rightPrec);
        }
    }

    /** The store keeps dates as ISO-8601 text, so a date literal is that text. */
    @Override
    public void unparseDateTimeLiteral(SqlWriter writer, SqlAbstractDateTimeLiteral literal, int leftPrec,
            int rightPrec) {
        writer.literal("'" + literal.toFormattedString() + "'");
    }
}
