package org.rollcall.server.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One catalog table: PostgreSQL's column names and types, and rows made once when a connection first reads the
 * catalog. Values a row does not give take the column's default (false, 0, or null for text).
 */
final class RowTable extends AbstractTable implements ScannableTable {

    /** A column: its name and its PostgreSQL type name (arrays and vectors are shown in their text form). */
    record Col(String name, String pgType) {

        SqlTypeName sqlType() {
            return switch (pgType) {
                case "bool" -> SqlTypeName.BOOLEAN;
                case "int2" -> SqlTypeName.SMALLINT;
                case "int4", "oid", "regproc", "xid", "cardinal_number" -> SqlTypeName.INTEGER;
                case "int8" -> SqlTypeName.BIGINT;
                case "float4" -> SqlTypeName.REAL;
                case "float8" -> SqlTypeName.DOUBLE;
                default -> SqlTypeName.VARCHAR;
            };
        }

        Object defaultValue() {
            return switch (sqlType()) {
                case BOOLEAN -> false;
                case SMALLINT -> (short) 0;
                case INTEGER -> 0;
                case BIGINT -> 0L;
                case REAL -> 0f;
                case DOUBLE -> 0d;
                default -> null;
            };
        }

        /** The pg_type OID of the column's type (text for the types the catalogs show as text). */
        int typeOid() {
            return Catalog.type(switch (pgType) {
                case "regproc", "xid", "cardinal_number" -> "int4";
                case "sql_identifier", "character_data", "yes_or_no", "_text", "_aclitem", "_oid", "_int2", "_char",
                    "pg_node_tree", "oidvector", "_float4" -> "text";
                default -> pgType;
            }).map(Catalog.Type::oid).orElse(25);
        }
    }

    final String name;
    final List<Col> columns;
    private final List<Object[]> rows = new ArrayList<>();

    /** {@code spec}: "name type, name type, ..." with PostgreSQL's column names and types. */
    RowTable(String name, String spec) {
        this.name = name;
        List<Col> cols = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] words = part.strip().split("\\s+");
            cols.add(new Col(words[0], words[1]));
        }
        this.columns = List.copyOf(cols);
    }

    /** Adds a row from name-value pairs; the columns it does not name take their defaults. */
    RowTable row(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Col col = columns.get(i);
            Object value = values.containsKey(col.name()) ? values.remove(col.name()) : col.defaultValue();
            row[i] = convert(value, col.sqlType());
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException(name + " has no column " + values.keySet());
        }
        rows.add(row);
        return this;
    }

    private static Object convert(Object value, SqlTypeName type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case SMALLINT -> ((Number) value).shortValue();
            case INTEGER -> value instanceof Character c ? (int) c : ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case REAL -> ((Number) value).floatValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> (Boolean) value;
            default -> value.toString();
        };
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<Object[]> rows() {
        return rows;
    }

    List<Catalog.Column> describe() {
        List<Catalog.Column> described = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Col col = columns.get(i);
            described.add(new Catalog.Column(col.name(), i + 1, Catalog.type(col.typeOid()).orElseThrow(), false, null));
        }
        return described;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder builder = factory.builder();
        for (Col col : columns) {
            builder.add(col.name(), factory.createTypeWithNullability(factory.createSqlType(col.sqlType()), true));
        }
        return builder.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        return Linq4j.asEnumerable(rows);
    }
}
