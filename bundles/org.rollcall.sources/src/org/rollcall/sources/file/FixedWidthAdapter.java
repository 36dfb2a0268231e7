package org.rollcall.sources.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * Fixed-width text exports: each field at the columns the mapping gives ({@code {start: 11, width: 8}}, counting
 * from 1), padded with spaces. Trailing spaces may have been trimmed, so fields past the end of a line are empty;
 * a line that ends before its last required field starts is quarantined as cut short.
 */
public final class FixedWidthAdapter implements SourceAdapter {

    @Override
    public String name() {
        return "fixed-width";
    }

    @Override
    public String description() {
        return "Fixed-width text exports described by a mapping file (start column and width per field)";
    }

    @Override
    public void read(SourceInput input, RecordSink sink) throws IOException {
        Mapping mapping = TextSource.mappingOf(input, this);
        Entity entity = mapping.entity();
        List<String> fields = new ArrayList<>();
        List<Mapping.FieldSource> sources = new ArrayList<>();
        int reach = 0;
        String lastField = null;
        for (Map.Entry<String, Mapping.FieldSource> entry : mapping.fields().entrySet()) {
            Mapping.FieldSource source = entry.getValue();
            if (!source.isConstant() && !source.isSlice()) {
                throw new SourceException("Mapping " + mapping.name() + ": fields." + entry.getKey()
                        + ": a fixed-width file needs {start: N, width: N}, not " + source.describe());
            }
            boolean required = !entity.field(entry.getKey()).orElseThrow().nullable();
            if (source.isSlice() && required && source.start() > reach) {
                reach = source.start();
                lastField = entry.getKey();
            }
            fields.add(entry.getKey());
            sources.add(source);
        }
        try (TextSource text = new TextSource(input)) {
            long line = text.skipLeadingLines();
            BufferedReader reader = new BufferedReader(text.reader(), 1 << 16);
            boolean anyLine = false;
            if (mapping.header()) {
                anyLine = readLine(reader, text, line + 1) != null;
                line++;
            }
            sink.fields(entity, fields);
            String row;
            long rows = 0;
            while ((row = readLine(reader, text, line + 1)) != null) {
                line++;
                anyLine = true;
                if (row.isBlank()) {
                    continue;
                }
                if (row.length() < reach) {
                    sink.unreadable(entity, line, "is " + row.length() + " characters long, but " + lastField
                            + " starts at column " + reach + " (cut short?)", row);
                } else {
                    String[] values = new String[sources.size()];
                    for (int i = 0; i < values.length; i++) {
                        Mapping.FieldSource source = sources.get(i);
                        values[i] = source.isConstant() ? source.constant()
                                : source.start() > row.length() ? null
                                : row.substring(source.start() - 1, Math.min(row.length(), source.start() - 1 + source.width()));
                    }
                    sink.record(entity, line, values);
                }
                if (++rows % 20_000 == 0) {
                    sink.progress(text.bytesRead(), text.size());
                }
            }
            if (!anyLine) {
                throw new SourceException(input.name() + " is empty");
            }
            sink.progress(text.size(), text.size());
        }
    }

    private static String readLine(BufferedReader reader, TextSource text, long line) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw text.explain(e, line);
        }
    }
}
