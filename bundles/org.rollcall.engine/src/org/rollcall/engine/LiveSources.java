package org.rollcall.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The live sources a workspace keeps in {@code live_sources}: read, stored and removed in one place. */
public final class LiveSources {

    private LiveSources() {
    }

    /** The workspace's sources by name, or only the one named {@code only} (null for all). */
    public static List<LiveSource> read(Connection store, String only) throws SQLException {
        List<LiveSource> sources = new ArrayList<>();
        try (PreparedStatement s = store.prepareStatement(
                "SELECT name, definition FROM live_sources WHERE ? IS NULL OR name = ? ORDER BY name")) {
            s.setString(1, only);
            s.setString(2, only);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sources.add(LiveSource.parse(rs.getString(2), "live source '" + rs.getString(1) + "'"));
                }
            }
        }
        return sources;
    }

    /** Checks a definition and stores it, replacing a source of the same name; {@code origin} names it in messages. */
    public static LiveSource save(Connection store, String yaml, String origin) throws SQLException {
        LiveSource source = LiveSource.parse(yaml, origin);
        try (PreparedStatement s = store.prepareStatement(
                "INSERT OR REPLACE INTO live_sources (name, url, definition, added_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, source.name());
            s.setString(2, source.url());
            s.setString(3, yaml);
            s.setString(4, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            s.executeUpdate();
        }
        return source;
    }

    /** Removes the source named {@code name}; false when there is none. */
    public static boolean remove(Connection store, String name) throws SQLException {
        try (PreparedStatement s = store.prepareStatement("DELETE FROM live_sources WHERE name = ?")) {
            s.setString(1, name);
            return s.executeUpdate() > 0;
        }
    }
}
