package org.rollcall.ui;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asks the workbench to do at start: {@code -rollcall.workspace FILE} opens a
 * workspace, {@code -rollcall.sql QUERY} then runs a query in the console (for demos and smoke tests).
 */
record StartupArguments(Optional<Path> workspace, Optional<String> sql) {

    static StartupArguments parse(String[] args) {
        Path workspace = null;
        String sql = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if ("-rollcall.workspace".equals(args[i])) {
                workspace = Path.of(args[++i]).toAbsolutePath();
            } else if ("-rollcall.sql".equals(args[i])) {
                sql = args[++i];
            }
        }
        return new StartupArguments(Optional.ofNullable(workspace), Optional.ofNullable(sql));
    }
}
