package org.rollcall.sources.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rollcall.model.Table;
import org.rollcall.sources.Entity;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.SourceException;
import org.rollcall.store.Workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a workspace's source-side tables (every {@link Entity}: students by local ID, no RollCall keys) as
 * delimited or fixed-width files, each with the mapping that imports it again beside it ({@code students.csv}
 * and {@code students.yaml}). It moves a district between workspaces and proves the import path: exporting and
 * re-importing gives the same metrics. {@link Format#DATAQUEST} writes the district's rates as the CDE publishes
 * them instead; {@link Format#CALPADS} the students, enrollments and summaries as CALPADS SINF, SENR and STAS.
 */
public final class Exporter {

    /** The file formats the exporter writes, named like the adapters that read them. */
    public enum Format {
        CSV("csv", "delimited"), FIXED_WIDTH("txt", "fixed-width"),
        /** The district's DataQuest-definition rates in the layout of the CDE's download file. */
        DATAQUEST("txt", "delimited"),
        /** The daily attendance as Ed-Fi studentSchoolAttendanceEvents (days other than present). */
        EDFI_JSON("json", "edfi-json"),
        /** CALPADS SINF, SENR and STAS extracts (caret-delimited), from the students, enrollments and summaries. */
        CALPADS("txt", "delimited");

        final String extension;
        final String adapter;

        Format(String extension, String adapter) {
            this.extension = extension;
            this.adapter = adapter;
        }

        /** The extension of the data files written in this format. */
        public String extension() {
            return extension;
        }
    }

    private Exporter() {
    }

    /** Exports every entity that has rows into {@code dir}; returns the data files written, in load order. */
    public static List<Path> export(Path workspace, Path dir, Format format, Charset encoding, ImportProgress progress) {
        List<Path> written = new ArrayList<>();
        try (Workspace store = Workspace.open(workspace)) {
            Files.createDirectories(dir);
            Connection connection = store.connection();
            if (format == Format.DATAQUEST) {
                return List.of(DataQuestFile.write(connection, dir));
            }
            if (format == Format.EDFI_JSON) {
                return EdFiJsonExport.writeAll(connection, dir);
            }
            if (format == Format.CALPADS) {
                return CalpadsExport.write(connection, dir, encoding);
            }
            int done = 0;
            for (Entity entity : Entity.values()) {
                progress.update("Exporting", done++, Entity.values().length);
                if (isEmpty(connection, entity)) {
                    continue; // an empty file would read as a truncated export
                }
                Path data = dir.resolve(entity.tableName() + "." + format.extension);
                Map<String, Object> fields = format == Format.CSV ? writeDelimited(connection, entity, data, encoding)
                        : writeFixedWidth(connection, entity, data, encoding);
                writeMapping(dir.resolve(entity.tableName() + ".yaml"), entity, format, encoding, fields);
                written.add(data);
            }
            progress.update("Exporting", done, Entity.values().length);
        } catch (IOException | SQLException e) {
            throw new SourceException("Exporting " + workspace + " to " + dir + " failed: " + e.getMessage(), e);
        }
        return written;
    }

    /** The source-side rows of an entity, in key order. */
    static String query(Entity entity) {
        return query(entity, false);
    }

    /** The same, with columns named c0, c1... when {@code numbered}. */
    private static String query(Entity entity, boolean numbered) {
        Table table = entity.table();
        boolean viaStudents = table.columnNames().contains("student_id") && entity != Entity.STUDENTS;
        List<String> names = entity.fieldNames();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String f = names.get(i);
            columns.add((f.equals(Entity.LOCAL_ID) && viaStudents ? "s.local_id" : "t." + f) + (numbered ? " AS c" + i : ""));
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + table.name() + " t"
                + (viaStudents ? " JOIN students s ON s.student_id = t.student_id" : "")
                + " ORDER BY " + table.primaryKey().stream().map(k -> "t." + k).collect(Collectors.joining(", "));
    }

    private static boolean isEmpty(Connection connection, Entity entity) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM " + entity.tableName() + " LIMIT 1")) {
            return !rs.next();
        }
    }

    static Writer writer(Path file, Charset encoding) throws IOException {
        // a character the encoding cannot hold is an error, not a silent '?'
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoding.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    private static Map<String, Object> writeDelimited(Connection connection, Entity entity, Path file, Charset encoding)
            throws IOException, SQLException {
        List<String> names = entity.fieldNames();
        try (Writer out = writer(file, encoding);
                CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n")
                        .setHeader(names.toArray(String[]::new)).get());
                Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query(entity))) {
            Object[] row = new Object[names.size()];
            while (rs.next()) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                printer.printRecord(row);
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        names.forEach(n -> fields.put(n, n));
        return fields;
    }

    private static Map<String, Object> writeFixedWidth(Connection connection, Entity entity, Path file,
            Charset encoding) throws IOException, SQLException {
        List<String> names = entity.fieldNames();
        int[] widths = new int[names.size()];
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT "
                + java.util.stream.IntStream.range(0, names.size()).mapToObj(i -> "MAX(LENGTH(c" + i + "))")
                        .collect(Collectors.joining(", ")) + " FROM (" + query(entity, true) + ")")) {
            rs.next();
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(1, rs.getInt(i + 1));
            }
        }
        try (Writer out = writer(file, encoding); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query(entity))) {
            StringBuilder line = new StringBuilder();
            while (rs.next()) {
                line.setLength(0);
                for (int i = 0; i < widths.length; i++) {
                    String value = rs.getString(i + 1);
                    String text = value == null ? "" : value;
                    line.append(text).append(" ".repeat(widths[i] - text.length() + (i < widths.length - 1 ? 1 : 0)));
                }
                out.write(line.toString().stripTrailing());
                out.write('\n');
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        int start = 1;
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), Map.of("start", start, "width", widths[i]));
            start += widths[i] + 1;
        }
        return fields;
    }

    private static void writeMapping(Path file, Entity entity, Format format, Charset encoding,
            Map<String, Object> fields) throws IOException {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("description", "RollCall export of " + entity.tableName());
        mapping.put("entity", entity.tableName());
        mapping.put("format", format.adapter);
        mapping.put("encoding", encoding.name());
        mapping.put("header", format == Format.CSV);
        mapping.put("dates", List.of("yyyy-MM-dd"));
        mapping.put("fields", fields);
        try {
            Files.writeString(file, new YAMLMapper().writeValueAsString(mapping), java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IOException("Cannot write mapping " + file + ": " + e.getMessage(), e);
        }
    }
}
