package org.rollcall.synthetic.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollcall.model.CanonicalSchema;
import org.rollcall.store.BatchWriter;
import org.rollcall.store.StoreException;
import org.rollcall.store.Workspace;

/** The store's promises: clear errors, and no half-built workspace after a failure. */
class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void aWrongNumberOfValuesNamesTheTableAndItsColumns() {
        Path file = dir.resolve("w.rollcall");
        StoreException e = assertThrows(StoreException.class, () -> Workspace.build(file, ws -> {
            try (BatchWriter w = ws.writer(CanonicalSchema.DISTRICTS)) {
                w.add("9900001", "Too few values");
            }
        }));
        assertTrue(e.getMessage().contains("districts has 4 columns"), e.getMessage());
    }

    @Test
    void aFailureMidwayLeavesNoWorkspaceAndNoPartialFile() throws IOException {
        Path file = dir.resolve("half.rollcall");
        assertThrows(StoreException.class, () -> Workspace.build(file, ws -> {
            try (BatchWriter w = ws.writer(CanonicalSchema.DISTRICTS)) {
                w.add("9900001", "Half District", "99", "County");
            }
            throw new SQLException("the source broke off");
        }));
        assertFalse(Files.exists(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.findAny().isEmpty(), "nothing may be left behind");
        }
    }

    @Test
    void openingAFileThatIsNoWorkspaceSaysWhich() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a database");
        StoreException e = assertThrows(StoreException.class, () -> Workspace.open(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        Path missing = dir.resolve("missing.rollcall");
        StoreException absent = assertThrows(StoreException.class, () -> Workspace.open(missing));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
    }
}
