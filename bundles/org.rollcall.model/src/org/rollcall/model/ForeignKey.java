package org.rollcall.model;

import java.util.List;

/** A reference from columns of one canonical table to the key of another. */
public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {

    public static ForeignKey of(String column, String referencedTable, String referencedColumn) {
        return new ForeignKey(List.of(column), referencedTable, List.of(referencedColumn));
    }
}
