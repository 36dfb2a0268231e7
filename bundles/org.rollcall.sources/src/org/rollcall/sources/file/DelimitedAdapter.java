package org.rollcall.sources.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * Delimited text exports (comma, tab, pipe, semicolon) as a mapping describes them: with a header line whose
 * column names the mapping refers to, or without one, by column number. Quoting follows RFC 4180 with the
 * mapping's quote character. A row with a different number of fields than the header is quarantined as it is.
 * A field may join several columns into one value ({@code {join: [4, 5]}}): each part is trimmed, then joined.
 */
public final class DelimitedAdapter implements SourceAdapter {

    @Override
    public String name() {
        return "delimited";
    }

    @Override
    public String description() {
        return "Delimited text exports (CSV, tab, pipe) described by a mapping file";
    }

    @Override
    public void read(SourceInput input, RecordSink sink) throws IOException {
        Mapping mapping = TextSource.mappingOf(input, this);
        Entity entity = mapping.entity();
        try (TextSource text = new TextSource(input)) {
            long consumed = text.skipLeadingLines();
            long skipped = consumed;
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(mapping.delimiter()).setQuote(mapping.quote())
                    .setIgnoreEmptyLines(false).setTrim(false).get();
            try (CSVParser parser = CSVParser.parse(text.reader(), format)) {
                Iterator<CSVRecord> records = parser.iterator();
                String[] header = null;
                if (mapping.header()) {
                    if (!next(records, text, consumed + 1)) {
                        throw new SourceException(input.name() + " is empty: mapping " + mapping.name()
                                + " expects a header line naming its columns");
                    }
                    header = records.next().values();
                    consumed = skipped + parser.getCurrentLineNumber();
                }
                Layout layout = new Layout(input, mapping, header);
                Mapping.RecordType recordType = mapping.recordType();
                sink.fields(entity, layout.fields);
                long rows = 0;
                boolean anyLine = header != null;
                while (next(records, text, consumed + 1)) {
                    long line = consumed + 1;
                    CSVRecord record = records.next();
                    consumed = skipped + parser.getCurrentLineNumber();
                    anyLine = true;
                    if (record.size() == 1 && record.get(0).isBlank()) {
                        continue; // a blank line holds no row
                    }
                    if (header != null && record.size() != header.length) {
                        sink.unreadable(entity, line, "has " + record.size() + " fields where the header has "
                                + header.length + (record.size() < header.length ? " (cut short?)" : ""),
                                String.join(String.valueOf(mapping.delimiter()), record.values()));
                    } else if (recordType != null && (record.size() < recordType.column()
                            || !recordType.values().contains(record.get(recordType.column() - 1).strip()))) {
                        sink.unreadable(entity, line, "is a record of type '" + (record.size() < recordType.column() ? ""
                                : record.get(recordType.column() - 1).strip()) + "' in column " + recordType.column()
                                + "; mapping " + mapping.name() + " reads " + String.join(", ", recordType.values()),
                                String.join(String.valueOf(mapping.delimiter()), record.values()));
                    } else if (record.size() < layout.minimumFields) {
                        sink.unreadable(entity, line, "has " + record.size() + " fields; mapping " + mapping.name()
                                + " reads column " + layout.minimumFields,
                                String.join(String.valueOf(mapping.delimiter()), record.values()));
                    } else {
                        sink.record(entity, line, layout.values(record));
                    }
                    if (++rows % 20_000 == 0) {
                        sink.progress(text.bytesRead(), text.size());
                    }
                }
                if (!anyLine) {
                    throw new SourceException(input.name() + " is empty");
                }
            }
            sink.progress(text.size(), text.size());
        }
    }

    /** Advances the parser, turning a read error into a message with the file and line. */
    private static boolean next(Iterator<CSVRecord> records, TextSource text, long line) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw text.explain(e.getCause(), line);
        }
    }

    /** Where each mapped field is in a row. */
    private static final class Layout {
        final List<String> fields = new ArrayList<>();
        /** Per field: its column indexes (one, or several joined), or null for a constant. */
        private final int[][] index;
        private final String[] constants;
        private final String[] separators;
        final int minimumFields;

        Layout(SourceInput input, Mapping mapping, String[] header) {
            int count = mapping.fields().size();
            index = new int[count][];
            constants = new String[count];
            separators = new String[count];
            int max = 0;
            int i = 0;
            for (Map.Entry<String, Mapping.FieldSource> entry : mapping.fields().entrySet()) {
                fields.add(entry.getKey());
                Mapping.FieldSource source = entry.getValue();
                if (source.isConstant()) {
                    constants[i] = source.constant();
                } else if (source.isJoin()) {
                    index[i] = new int[source.parts().size()];
                    for (int p = 0; p < index[i].length; p++) {
                        index[i][p] = column(input, mapping, header, entry.getKey(), source.parts().get(p));
                    }
                    separators[i] = source.separator();
                } else {
                    index[i] = new int[] {column(input, mapping, header, entry.getKey(), source)};
                }
                if (index[i] != null) {
                    for (int column : index[i]) {
                        max = Math.max(max, column + 1);
                    }
                }
                i++;
            }
            minimumFields = max;
        }

        /** The index of one named or numbered column. */
        private static int column(SourceInput input, Mapping mapping, String[] header, String field,
                Mapping.FieldSource source) {
            if (source.isSlice()) {
                throw new SourceException("Mapping " + mapping.name() + ": fields." + field
                        + ": start and width are for fixed-width files; a delimited file names or numbers columns");
            }
            if (source.column() != null) {
                if (header == null) {
                    throw new SourceException("Mapping " + mapping.name() + ": fields." + field
                            + " names column '" + source.column() + "', but the mapping says header: false; "
                            + "give the column's number instead");
                }
                int found = find(header, source.column());
                if (found < 0) {
                    throw new SourceException("Mapping " + mapping.name() + " reads " + field
                            + " from column '" + source.column() + "', but the header of " + input.name()
                            + " has no such column; it has: " + String.join(", ", header));
                }
                return found;
            }
            return source.columnNumber() - 1;
        }

        /** Header names match ignoring case, spaces and punctuation: "Academic Year" is "AcademicYear". */
        private static int find(String[] header, String column) {
            String wanted = Mapping.comparableColumnName(column);
            return Arrays.asList(header).stream().map(Mapping::comparableColumnName).toList().indexOf(wanted);
        }

        String[] values(CSVRecord record) {
            String[] values = new String[index.length];
            for (int i = 0; i < index.length; i++) {
                if (index[i] == null) {
                    values[i] = constants[i];
                } else if (index[i].length == 1) {
                    values[i] = record.get(index[i][0]);
                } else {
                    StringBuilder joined = new StringBuilder();
                    for (int p = 0; p < index[i].length; p++) {
                        joined.append(p == 0 ? "" : separators[i]).append(record.get(index[i][p]).strip());
                    }
                    values[i] = joined.toString();
                }
            }
            return values;
        }
    }
}
