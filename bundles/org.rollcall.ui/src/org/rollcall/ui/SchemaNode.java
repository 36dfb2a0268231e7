package org.rollcall.ui;

import java.util.ArrayList;
import java.util.List;

/** A node of the schema tree: the Tables or Views folder, a table or view, or a column. */
public record SchemaNode(String name, String type, String description, List<SchemaNode> children) {

    static SchemaNode folder(String name, String description) {
        return new SchemaNode(name, "", description, new ArrayList<>());
    }
}
