package org.rollcall.sources;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.rollcall.model.AttendanceCategory;
import org.rollcall.model.Column;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * A declarative description of an export file, written in YAML: which canonical entity its rows are, how to
 * split them (format, delimiter, quote, header or column positions, encoding), where each canonical field comes
 * from, how dates are written, and how the SIS's school numbers and attendance codes translate into CDS codes
 * and canonical categories (with the EC 48205 reason of excused codes), and how other local values translate
 * ({@code values: {gender: {Female: F}}}). See {@code presets/} for examples.
 *
 * @param name where the mapping came from (a file name or {@code preset:<name>}), for messages
 * @param text the mapping's YAML, recorded by hash with every import
 * @param fillPresent for daily attendance exports that list only absences and tardies: the local code recorded
 *        on every other instructional day enrolled, from the school year's first day to the file's last date
 * @param recordType for files whose lines start with a record type (CALPADS extracts): the column and the types
 *        the mapping reads; a line of another type is quarantined as such. Null when the file has none.
 * @param query for a database source ({@code format: jdbc}), the SQL whose result-set columns the fields name;
 *        null for files
 * @param joins for Ed-Fi JSON ({@code format: edfi-json}): other resource files beside the input, each matched to
 *        an input resource by key, that fields read from with {@code from:} (see {@link Join}); empty otherwise
 * @param coversSchools for daily attendance: the CDS codes of the schools a file covers besides those its rows
 *        name ({@code covers_schools:}), {@link #ALL_SCHOOLS} for every school of the workspace; null when the
 *        mapping does not say, and then a file covers the schools its rows name and those under {@code schools:}
 */
public record Mapping(String name, String text, Entity entity, String format, Charset encoding, char delimiter,
        Character quote, boolean header, int skipLines, List<String> datePatterns, Map<String, FieldSource> fields,
        Map<String, String> schools, Map<String, CodeMapping> codes, Map<String, Map<String, String>> values,
        String fillPresent, int maxLineLength, RecordType recordType, String query, Map<String, Join> joins,
        List<String> coversSchools) {

    /** {@code covers_schools: all}: a district-wide file covers every school of the workspace. */
    public static final List<String> ALL_SCHOOLS = List.of("all");

    /**
     * A second Ed-Fi resource file joined to the input by key ({@code join: {association: {file: ..., key: ...,
     * on: ..., latest: ...}}}): the resources of {@code file} (beside the input) whose value at the pointer
     * {@code key} equals the input resource's value at the pointer {@code on}. When several match, the one with
     * the greatest value at {@code latest} (say {@code /_lastModifiedDate}) is read; without {@code latest}, or
     * on a tie, the match is ambiguous and the fields that read from it are quarantined with that reason. When
     * none matches, those fields are absent.
     */
    public record Join(String name, String file, String key, String on, String latest) {
    }

    /**
     * Where an Ed-Fi JSON field's value comes from: a JSON pointer into the input resource, or into the
     * resource a {@link Join} named {@code from} finds. One segment of the pointer may be {@code *}, every
     * element of the array there; {@code where} keeps the elements whose value at each relative pointer is the
     * given code value. The values found, distinct, give the field: none, absent; one, that value; two or more,
     * {@code several} (quarantined as ambiguous without it). With {@code is}, the field is {@code then} when the
     * value is {@code is}, and absent otherwise. {@code schoolYear} converts the value: {@code ending} reads a
     * four-digit year as the school year it ends (Ed-Fi's SchoolYearType: 2025 is 2024-25), {@code date} gives
     * the July-to-June school year of a date. A pointer null is a constant {@code then}.
     */
    public record PointerSource(String from, String pointer, Map<String, String> where, String is, String then,
            String several, String schoolYear) {

        public PointerSource {
            where = where == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(where));
        }

        public boolean isConstant() {
            return pointer == null;
        }
    }

    /** The column (from 1) that holds a line's record type and the types this mapping reads. */
    public record RecordType(int column, List<String> values) {

        public RecordType {
            values = List.copyOf(values);
        }
    }

    public static final int DEFAULT_MAX_LINE_LENGTH = 100_000;

    /** The format of mappings that read a database with a query. */
    public static final String JDBC = "jdbc";

    /**
     * Where one canonical field's value comes from: a named or numbered column, a fixed-width slice, a constant,
     * or several columns of a delimited file joined into one value ({@code {join: [4, 5]}}, with an optional
     * {@code separator}), e.g. a 14-digit CDS code from a 7-digit district and a 7-digit school column.
     */
    public record FieldSource(String column, int columnNumber, int start, int width, String constant,
            List<FieldSource> parts, String separator, List<PointerSource> pointers) {

        public FieldSource {
            parts = parts == null ? null : List.copyOf(parts);
            pointers = pointers == null ? null : List.copyOf(pointers);
        }

        static FieldSource named(String column) {
            return new FieldSource(column, 0, 0, 0, null, null, null, null);
        }

        static FieldSource numbered(int number) {
            return new FieldSource(null, number, 0, 0, null, null, null, null);
        }

        static FieldSource slice(int start, int width) {
            return new FieldSource(null, 0, start, width, null, null, null, null);
        }

        static FieldSource constantValue(String value) {
            return new FieldSource(null, 0, 0, 0, value, null, null, null);
        }

        static FieldSource joined(List<FieldSource> parts, String separator) {
            return new FieldSource(null, 0, 0, 0, null, parts, separator, null);
        }

        /** Ed-Fi JSON: the first of {@code pointers} that gives a value. */
        static FieldSource pointed(List<PointerSource> pointers) {
            return new FieldSource(null, 0, 0, 0, null, null, null, pointers);
        }

        /** True for an Ed-Fi JSON source written as {@code {pointer: ...}} or {@code {first: [...]}}. */
        public boolean isPointed() {
            return pointers != null;
        }

        public boolean isConstant() {
            return constant != null;
        }

        public boolean isSlice() {
            return width > 0;
        }

        /** True for a value joined from several columns; {@link #parts()} are plain columns. */
        public boolean isJoin() {
            return parts != null;
        }

        /** As a message shows it. */
        public String describe() {
            if (constant != null) {
                return "the constant '" + constant + "'";
            }
            if (pointers != null) {
                return pointers.stream().map(p -> p.isConstant() ? "'" + p.then() + "'"
                        : (p.from() == null ? "" : p.from() + ":") + p.pointer())
                        .collect(Collectors.joining(", ", "the first of ", ""));
            }
            if (parts != null) {
                return parts.stream().map(FieldSource::describe).collect(Collectors.joining(" + ", "the join of ", ""));
            }
            if (column != null) {
                return "column '" + column + "'";
            }
            return width > 0 ? "columns " + start + "-" + (start + width - 1) : "column " + columnNumber;
        }
    }

    /** One local attendance code: its canonical category, EC 48205 reason (excused codes) and description. */
    public record CodeMapping(String code, AttendanceCategory category, String reason, String description) {
    }

    public Mapping {
        datePatterns = List.copyOf(datePatterns);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        schools = Map.copyOf(schools);
        codes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codes));
        values = Map.copyOf(values);
        joins = joins == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(joins));
        coversSchools = coversSchools == null ? null : List.copyOf(coversSchools);
    }

    /**
     * The CDS codes of the schools a daily file read with this mapping covers besides those its rows name, or
     * {@link #ALL_SCHOOLS}: {@code covers_schools:} when given, else the CDS codes under {@code schools:}.
     */
    public List<String> declaredSchools() {
        return coversSchools != null ? coversSchools : List.copyOf(new java.util.LinkedHashSet<>(schools.values()));
    }

    public static Mapping load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceException("Cannot read mapping " + file + ": " + e.getMessage(), e);
        }
        return parse(file.getFileName().toString(), text);
    }

    /** Parses and checks a mapping; every mistake is reported with the mapping's name and the key at fault. */
    public static Mapping parse(String name, String text) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SourceException("Mapping " + name + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new SourceException("Mapping " + name + " is empty or not a YAML mapping of keys to values");
        }
        return new Parser(name, root).parse(text);
    }

    /**
     * A column name as mappings match it: header and result-set columns match ignoring case, spaces and
     * punctuation, so {@code Academic Year} and {@code AcademicYear} are the same column.
     */
    public static String comparableColumnName(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /** The field source for a canonical field, if the mapping names one. */
    public Optional<FieldSource> field(String canonical) {
        return Optional.ofNullable(fields.get(canonical));
    }

    /** Reads one mapping document. */
    private static final class Parser {
        private static final List<String> KEYS = List.of("entity", "format", "encoding", "delimiter", "quote",
                "header", "skip_lines", "dates", "fields", "schools", "codes", "values", "fill_present", "max_line_length",
                "record_type", "query", "join", "covers_schools", "description");
        /** The built-in formats that read files, which have no query. */
        private static final List<String> FILE_FORMATS = List.of("delimited", "fixed-width", "edfi-json",
                "calpads-sinf");

        private final String name;
        private final JsonNode root;

        Parser(String name, JsonNode root) {
            this.name = name;
            this.root = root;
        }

        private SourceException error(String key, String message) {
            return new SourceException("Mapping " + name + ": " + key + ": " + message);
        }

        Mapping parse(String text) {
            for (Iterator<String> keys = root.fieldNames(); keys.hasNext();) {
                String key = keys.next();
                if (!KEYS.contains(key)) {
                    throw error(key, "unknown key; a mapping has " + String.join(", ", KEYS));
                }
            }
            String entityName = text("entity", null);
            if (entityName == null) {
                throw error("entity", "missing; say which table the rows are: one of " + Entity.names());
            }
            Entity entity = Entity.named(entityName).orElseThrow(() -> error("entity",
                    "'" + entityName + "' is not one of " + Entity.names()));
            String format = text("format", "delimited").toLowerCase(Locale.ROOT);
            Charset encoding = charset(text("encoding", "UTF-8"));
            String delimiter = unescape(text("delimiter", ","));
            if (delimiter.length() != 1) {
                throw error("delimiter", "must be one character (write \\t for a tab), not '" + delimiter + "'");
            }
            String quoteText = root.has("quote") && root.get("quote").isNull() ? "" : text("quote", "\"");
            if (quoteText.length() > 1) {
                throw error("quote", "must be one character, or empty for none");
            }
            Character quote = quoteText.isEmpty() ? null : quoteText.charAt(0);
            boolean header = bool("header", !"fixed-width".equals(format));
            int skip = integer("skip_lines", 0);
            int maxLine = integer("max_line_length", DEFAULT_MAX_LINE_LENGTH);
            List<String> dates = dates();
            Map<String, Join> joins = joins(format);
            Map<String, FieldSource> fields = fields(entity, header);
            checkPointers(format, fields, joins);
            Map<String, String> schools = schools();
            Map<String, CodeMapping> codes = codes();
            if (!codes.isEmpty() && entity != Entity.DAILY_ATTENDANCE && entity != Entity.ATTENDANCE_CODES) {
                throw error("codes", "only daily_attendance and attendance_codes mappings take attendance codes");
            }
            String fillPresent = text("fill_present", null);
            if (fillPresent != null && entity != Entity.DAILY_ATTENDANCE) {
                throw error("fill_present", "only daily_attendance exports can leave present days out");
            }
            if (fillPresent != null && codes.containsKey(fillPresent)
                    && codes.get(fillPresent).category() != AttendanceCategory.PRESENT) {
                throw error("fill_present", "code '" + fillPresent + "' is mapped to "
                        + codes.get(fillPresent).category().code() + ", not present");
            }
            String query = text("query", null);
            if (query != null && query.isBlank()) {
                query = null;
            }
            if (JDBC.equals(format) && query == null) {
                throw error("query", "missing; a jdbc mapping runs a query against the database, e.g. "
                        + "query: SELECT studentuniqueid AS local_id, ... FROM edfi.student");
            }
            if (query != null && FILE_FORMATS.contains(format)) {
                throw error("query", "a " + format + " mapping reads a file; only a database mapping (format: jdbc) "
                        + "runs a query");
            }
            return new Mapping(name, text, entity, format, encoding, delimiter.charAt(0), quote, header, skip, dates,
                    fields, schools, codes, values(entity), fillPresent, maxLine, recordType(), query, joins,
                    coversSchools(entity));
        }

        /**
         * {@code join: {NAME: {file: F, key: /pointer, on: /pointer, latest: /pointer}}}: Ed-Fi JSON only, since
         * a join matches resources by JSON pointer.
         */
        private Map<String, Join> joins(String format) {
            JsonNode node = root.get("join");
            Map<String, Join> joins = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return joins;
            }
            if (!"edfi-json".equals(format)) {
                throw error("join", "only an edfi-json mapping joins a second resource file");
            }
            if (!node.isObject() || node.isEmpty()) {
                throw error("join", "write {NAME: {file: resources.json, key: /pointer, on: /pointer}}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = "join." + e.getKey();
                JsonNode join = e.getValue();
                if (!join.isObject()) {
                    throw error(key, "write {file: resources.json, key: /pointer, on: /pointer}");
                }
                for (Iterator<String> names = join.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    if (!List.of("file", "key", "on", "latest").contains(name)) {
                        throw error(key + "." + name, "unknown key; a join has file, key, on and latest");
                    }
                }
                String file = join.path("file").asText("");
                if (file.isBlank() || file.contains("/") || file.contains("\\")) {
                    throw error(key + ".file", "names the joined resource file beside the input, e.g. "
                            + "studentEducationOrganizationAssociations.json");
                }
                joins.put(e.getKey(), new Join(e.getKey(), file, pointer(key + ".key", join.get("key"), true),
                        pointer(key + ".on", join.get("on"), true), pointer(key + ".latest", join.get("latest"), false)));
            }
            return joins;
        }

        private String pointer(String key, JsonNode node, boolean required) {
            if (node == null || node.isNull()) {
                if (required) {
                    throw error(key, "missing; write a JSON pointer such as /studentReference/studentUniqueId");
                }
                return null;
            }
            String pointer = node.asText();
            if (!node.isTextual() || !pointer.startsWith("/")) {
                throw error(key, "'" + pointer + "' is not a JSON pointer such as /studentReference/studentUniqueId");
            }
            return pointer;
        }

        /** Pointer sources read Ed-Fi JSON, and each {@code from:} names a join. */
        private void checkPointers(String format, Map<String, FieldSource> fields, Map<String, Join> joins) {
            for (Map.Entry<String, FieldSource> e : fields.entrySet()) {
                if (!e.getValue().isPointed()) {
                    continue;
                }
                if (!"edfi-json".equals(format)) {
                    throw error("fields." + e.getKey(), "pointer: and first: read Ed-Fi JSON (format: edfi-json)");
                }
                for (PointerSource p : e.getValue().pointers()) {
                    if (p.from() != null && !joins.containsKey(p.from())) {
                        throw error("fields." + e.getKey(), "from: '" + p.from() + "' is not a join of this mapping"
                                + (joins.isEmpty() ? " (it has none)" : "; its joins are " + String.join(", ", joins.keySet())));
                    }
                }
            }
        }

        /**
         * An Ed-Fi JSON source: {@code {pointer: /p, from: JOIN, where: {/q: CODE}, several: V, is: V, then: V,
         * school_year: ending|date}}, or inside {@code first:} also a bare pointer or {@code {value: V}}.
         */
        private PointerSource pointerSource(String key, JsonNode value) {
            if (value.isTextual()) {
                return new PointerSource(null, pointer(key, value, true), null, null, null, null, null);
            }
            if (!value.isObject()) {
                throw error(key, "write a JSON pointer, {pointer: /p, ...} or {value: constant}");
            }
            for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!List.of("pointer", "from", "where", "several", "is", "then", "school_year", "value").contains(name)) {
                    throw error(key + "." + name, "unknown key; a pointer source has pointer, from, where, several, "
                            + "is, then and school_year");
                }
            }
            if (value.has("value")) {
                if (value.size() > 1) {
                    throw error(key, "a {value: constant} takes no other keys");
                }
                return new PointerSource(null, null, null, null, value.get("value").asText(), null, null);
            }
            String pointer = pointer(key + ".pointer", value.get("pointer"), true);
            long stars = java.util.Arrays.stream(pointer.split("/", -1)).filter("*"::equals).count();
            if (stars > 1) {
                throw error(key + ".pointer", "at most one segment may be *, every element of an array");
            }
            Map<String, String> where = new LinkedHashMap<>();
            JsonNode w = value.get("where");
            if (w != null && !w.isNull()) {
                if (!w.isObject() || stars == 0) {
                    throw error(key + ".where", "keeps the elements of the * array whose value at each pointer is "
                            + "the code given, e.g. {/studentIdentificationSystemDescriptor: State}");
                }
                w.fields().forEachRemaining(f -> {
                    if (!f.getKey().startsWith("/")) {
                        throw error(key + ".where", "'" + f.getKey() + "' is not a JSON pointer");
                    }
                    where.put(f.getKey(), f.getValue().asText());
                });
            }
            String is = value.hasNonNull("is") ? value.get("is").asText() : null;
            String then = value.hasNonNull("then") ? value.get("then").asText() : null;
            if ((is == null) != (then == null)) {
                throw error(key, "is: and then: go together: the field is then's value when the value is is's");
            }
            String year = value.hasNonNull("school_year") ? value.get("school_year").asText() : null;
            if (year != null && !year.equals("ending") && !year.equals("date")) {
                throw error(key + ".school_year", "'" + year + "' is not ending (Ed-Fi's ending year, 2025 is "
                        + "2024-25) or date (the July-to-June school year of a date)");
            }
            String from = value.hasNonNull("from") ? value.get("from").asText() : null;
            String several = value.hasNonNull("several") ? value.get("several").asText() : null;
            return new PointerSource(from, pointer, where, is, then, several, year);
        }


        /** {@code record_type: {column: 1, values: [STAS]}}. */
        private RecordType recordType() {
            JsonNode node = root.get("record_type");
            if (node == null || node.isNull()) {
                return null;
            }
            JsonNode column = node.path("column");
            JsonNode values = node.path("values");
            if (!node.isObject() || !column.isIntegralNumber() || column.intValue() < 1 || !values.isArray()
                    || values.isEmpty()) {
                throw error("record_type", "write {column: N, values: [TYPE, ...]}: the column that holds each line's "
                        + "record type and the types this mapping reads");
            }
            List<String> types = new ArrayList<>();
            values.forEach(v -> types.add(v.asText()));
            return new RecordType(column.intValue(), types);
        }

        private String text(String key, String otherwise) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return otherwise;
            }
            if (!node.isValueNode()) {
                throw error(key, "must be a single value");
            }
            return node.asText();
        }

        private boolean bool(String key, boolean otherwise) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return otherwise;
            }
            if (!node.isBoolean()) {
                throw error(key, "must be true or false, not '" + node.asText() + "'");
            }
            return node.booleanValue();
        }

        private int integer(String key, int otherwise) {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                return otherwise;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0) {
                throw error(key, "must be a whole number of 0 or more, not '" + node.asText() + "'");
            }
            return node.intValue();
        }

        private Charset charset(String encoding) {
            try {
                return Charset.forName(encoding);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw error("encoding", "'" + encoding + "' is not an encoding this Java knows; use UTF-8, "
                        + "ISO-8859-1 (Latin-1) or windows-1252");
            }
        }

        private static String unescape(String delimiter) {
            return switch (delimiter) {
                case "\\t", "tab", "TAB" -> "\t";
                default -> delimiter;
            };
        }

        private List<String> dates() {
            JsonNode node = root.get("dates");
            List<String> patterns = new ArrayList<>();
            if (node == null || node.isNull()) {
                return patterns;
            }
            if (node.isValueNode()) {
                patterns.add(node.asText());
            } else if (node.isArray()) {
                node.forEach(p -> patterns.add(p.asText()));
            } else {
                throw error("dates", "must be a date pattern or a list of them, e.g. [M/d/yyyy, yyyy-MM-dd]");
            }
            for (String pattern : patterns) {
                try {
                    DateParser.formatter(pattern);
                } catch (IllegalArgumentException e) {
                    throw error("dates", "'" + pattern + "' is not a date pattern: " + e.getMessage());
                }
            }
            return patterns;
        }

        private Map<String, FieldSource> fields(Entity entity, boolean header) {
            JsonNode node = root.get("fields");
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw error("fields", "missing; map each field of " + entity.tableName() + " ("
                        + String.join(", ", entity.fieldNames()) + ") to a column");
            }
            Map<String, FieldSource> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String field = entry.getKey();
                if (entity.field(field).isEmpty()) {
                    throw error("fields." + field, "not a field of " + entity.tableName() + "; its fields are "
                            + String.join(", ", entity.fieldNames()));
                }
                fields.put(entity.field(field).get().name(), fieldSource("fields." + field, entry.getValue(), header));
            }
            List<String> missing = entity.fields().stream().filter(c -> !c.nullable()).map(Column::name)
                    .filter(f -> !fields.containsKey(f)).toList();
            if (!missing.isEmpty()) {
                throw error("fields", entity.tableName() + " needs " + String.join(", ", missing)
                        + (missing.size() == 1 ? ", which is" : ", which are") + " not mapped");
            }
            return fields;
        }

        private FieldSource fieldSource(String key, JsonNode value, boolean header) {
            if (value.isTextual()) {
                return FieldSource.named(value.asText());
            }
            if (value.isIntegralNumber()) {
                if (value.intValue() < 1) {
                    throw error(key, "column numbers start at 1");
                }
                return FieldSource.numbered(value.intValue());
            }
            if (value.isObject()) {
                if (value.has("pointer")) {
                    return FieldSource.pointed(List.of(pointerSource(key, value)));
                }
                if (value.has("first")) {
                    JsonNode first = value.get("first");
                    if (!first.isArray() || first.isEmpty()) {
                        throw error(key, "first: lists sources, the first that gives a value is the field's");
                    }
                    List<PointerSource> sources = new ArrayList<>();
                    for (int i = 0; i < first.size(); i++) {
                        sources.add(pointerSource(key + ".first[" + (i + 1) + "]", first.get(i)));
                    }
                    return FieldSource.pointed(sources);
                }
                if (value.has("value")) {
                    return FieldSource.constantValue(value.get("value").asText());
                }
                if (value.has("column")) {
                    return fieldSource(key, value.get("column"), header);
                }
                if (value.has("join")) {
                    JsonNode join = value.get("join");
                    if (!join.isArray() || join.size() < 2) {
                        throw error(key, "join: lists two or more columns, e.g. {join: [4, 5]}");
                    }
                    List<FieldSource> parts = new ArrayList<>();
                    for (JsonNode part : join) {
                        if (!part.isTextual() && !part.isIntegralNumber()) {
                            throw error(key, "join: lists column names or numbers, not '" + part + "'");
                        }
                        parts.add(fieldSource(key, part, header));
                    }
                    return FieldSource.joined(parts, value.path("separator").asText(""));
                }
                if (value.has("start") && value.has("width")) {
                    int start = value.get("start").asInt();
                    int width = value.get("width").asInt();
                    if (start < 1 || width < 1) {
                        throw error(key, "start counts from 1 and width must be at least 1");
                    }
                    return FieldSource.slice(start, width);
                }
            }
            throw error(key, "write a column name, a column number, {start: N, width: N}, {join: [N, N]} or "
                    + "{value: constant}");
        }

        /** {@code covers_schools: all} or a list of 14-digit CDS codes; daily attendance only. */
        private List<String> coversSchools(Entity entity) {
            JsonNode node = root.get("covers_schools");
            if (node == null || node.isNull()) {
                return null;
            }
            if (entity != Entity.DAILY_ATTENDANCE) {
                throw error("covers_schools", "only daily_attendance files cover schools");
            }
            if (node.isTextual() && node.asText().equals("all")) {
                return ALL_SCHOOLS;
            }
            if (!node.isArray()) {
                throw error("covers_schools", "write all, or a list of 14-digit CDS codes ([] for only the schools "
                        + "the file's rows name)");
            }
            List<String> codes = new ArrayList<>();
            for (JsonNode code : node) {
                if (!code.asText().matches("\\d{14}")) {
                    throw error("covers_schools", "'" + code.asText() + "' is not a 14-digit CDS code");
                }
                codes.add(code.asText());
            }
            return codes;
        }

        private Map<String, String> schools() {
            JsonNode node = root.get("schools");
            Map<String, String> schools = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return schools;
            }
            if (!node.isObject()) {
                throw error("schools", "must map the SIS's school numbers to 14-digit CDS codes");
            }
            node.fields().forEachRemaining(e -> {
                String cds = e.getValue().asText();
                if (!cds.matches("\\d{14}")) {
                    throw error("schools." + e.getKey(), "'" + cds + "' is not a 14-digit CDS code");
                }
                schools.put(e.getKey(), cds);
            });
            return schools;
        }

        /** Local spellings of a field's values: {@code values: {gender: {Female: F, Male: M}}}. */
        private Map<String, Map<String, String>> values(Entity entity) {
            JsonNode node = root.get("values");
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return values;
            }
            if (!node.isObject()) {
                throw error("values", "must map fields to {local value: canonical value}");
            }
            node.fields().forEachRemaining(e -> {
                String key = "values." + e.getKey();
                String field = entity.field(e.getKey()).map(Column::name).orElseThrow(() -> error(key,
                        "not a field of " + entity.tableName() + "; its fields are " + String.join(", ", entity.fieldNames())));
                if (!e.getValue().isObject()) {
                    throw error(key, "must map local values to canonical ones, e.g. {Female: F}");
                }
                Map<String, String> translation = new LinkedHashMap<>();
                e.getValue().fields().forEachRemaining(v -> translation.put(v.getKey(), v.getValue().asText()));
                values.put(field, translation);
            });
            return values;
        }

        private Map<String, CodeMapping> codes() {
            JsonNode node = root.get("codes");
            Map<String, CodeMapping> codes = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return codes;
            }
            if (!node.isObject()) {
                throw error("codes", "must map each local code to {category: ..., reason: ..., description: ...}");
            }
            String categories = java.util.Arrays.stream(AttendanceCategory.values()).map(AttendanceCategory::code)
                    .collect(Collectors.joining(", "));
            node.fields().forEachRemaining(e -> {
                String key = "codes." + e.getKey();
                JsonNode code = e.getValue();
                String categoryName = code.isTextual() ? code.asText()
                        : code.path("category").isMissingNode() ? null : code.path("category").asText();
                if (categoryName == null) {
                    throw error(key, "needs a category: one of " + categories);
                }
                AttendanceCategory category = AttendanceCategory.fromCode(categoryName).orElseThrow(
                        () -> error(key, "category '" + categoryName + "' is not one of " + categories));
                String reason = code.path("reason").isMissingNode() ? null : code.path("reason").asText();
                if (reason != null && category != AttendanceCategory.EXCUSED) {
                    // EC 48205 reasons are the grounds for an excused absence only (docs/rules.md section 4)
                    throw error(key, "has a reason, but only excused codes carry an EC 48205 reason");
                }
                String description = code.path("description").isMissingNode() ? category.label()
                        : code.path("description").asText();
                codes.put(e.getKey(), new CodeMapping(e.getKey(), category, reason, description));
            });
            return codes;
        }
    }
}
