package org.rollcall.sources.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ed-Fi API resources as JSON: an array as the API returns a resource collection, or one resource per line
 * (bulk extracts). The mapping names each field by JSON pointer ({@code /studentReference/studentUniqueId}); a
 * descriptor ({@code uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence}) is read as its code value
 * ({@code Excused Absence}), which the mapping's codes and values translate. Resources are numbered from 1 in
 * the order they stand in the file, and that number is the "line" quarantine reports, since an API may write a
 * whole collection on one line.
 * <p>
 * Ed-Fi spreads one canonical row over several resources (Data Standard 4 and 5 keep a student's sex, ethnicity,
 * races and state ID in studentEducationOrganizationAssociations, not in students). A mapping's {@code join:}
 * names such a second file beside the input and the pointers that match its resources to the input's; fields
 * read from it with {@code from:}. Pointer sources ({@link Mapping.PointerSource}) also read every element of an
 * array ({@code /races/*}{@code /raceDescriptor}), filter it ({@code where:}), name the value of two or more
 * ({@code several:}), test a value ({@code is:}/{@code then:}), convert a school year and fall back
 * ({@code first:}). A value that is ambiguous (two values where one is expected, two joined resources with the
 * same key) is quarantined with its field and why; nothing is picked at random.
 */
public final class EdFiJsonAdapter implements SourceAdapter {

    private static final String DESCRIPTOR_SCHEME = "uri://";

    @Override
    public String name() {
        return "edfi-json";
    }

    @Override
    public String description() {
        return "Ed-Fi API resources as JSON (an array or one per line), fields by JSON pointer, descriptors by code "
                + "value, a second resource joined by key";
    }

    /** A field as compiled: a constant, one plain pointer, or pointer sources tried in order. */
    private record Field(String name, String constant, JsonPointer pointer, List<Compiled> sources) {
    }

    /** A pointer source with its pointer split at the * segment (suffix null without one). */
    private record Compiled(Mapping.PointerSource source, JsonPointer prefix, JsonPointer suffix,
            Map<JsonPointer, String> where) {
    }

    /** A joined file's resources by key. */
    private record Joined(Mapping.Join join, Map<String, List<JsonNode>> byKey, JsonPointer on, JsonPointer latest) {
    }

    /** The resource a join finds for one input resource: it, or none, or why it is ambiguous. */
    private record Match(JsonNode node, String ambiguity) {
    }

    /** A field's value or why it has none it could give. */
    private record Value(String text, String problem) {
    }

    @Override
    public void read(SourceInput input, RecordSink sink) throws IOException {
        Mapping mapping = TextSource.mappingOf(input, this);
        Entity entity = mapping.entity();
        List<Field> fields = new ArrayList<>();
        for (Map.Entry<String, Mapping.FieldSource> entry : mapping.fields().entrySet()) {
            fields.add(compile(mapping, entry.getKey(), entry.getValue()));
        }
        Map<String, Joined> joins = new HashMap<>();
        for (Mapping.Join join : mapping.joins().values()) {
            joins.put(join.name(), load(input, mapping, join));
        }
        sink.fields(entity, fields.stream().map(Field::name).toList());
        long[] resource = {0};
        TextSource[] progress = new TextSource[1];
        resources(input, progress, node -> {
            resource[0]++;
            Map<String, Match> matches = new HashMap<>();
            for (Joined joined : joins.values()) {
                matches.put(joined.join().name(), match(joined, node));
            }
            String[] values = new String[fields.size()];
            for (int i = 0; i < values.length; i++) {
                Field field = fields.get(i);
                if (field.constant() != null) {
                    values[i] = field.constant();
                } else if (field.pointer() != null) {
                    values[i] = value(node.at(field.pointer()));
                } else {
                    Value value = evaluate(field.sources(), node, matches);
                    if (value.problem() != null) {
                        sink.invalid(entity, resource[0], field.name(), value.text(), value.problem(), abbreviate(node));
                        return;
                    }
                    values[i] = value.text();
                }
            }
            sink.record(entity, resource[0], values);
            if (resource[0] % 20_000 == 0) {
                sink.progress(progress[0].bytesRead(), progress[0].size());
            }
        });
        sink.progress(progress[0].size(), progress[0].size());
    }

    private static Field compile(Mapping mapping, String name, Mapping.FieldSource source) {
        if (source.isConstant()) {
            return new Field(name, source.constant(), null, null);
        }
        if (source.isPointed()) {
            List<Compiled> compiled = new ArrayList<>();
            for (Mapping.PointerSource p : source.pointers()) {
                if (p.isConstant()) {
                    compiled.add(new Compiled(p, null, null, Map.of()));
                    continue;
                }
                int star = p.pointer().indexOf("/*");
                boolean split = star >= 0 && (p.pointer().length() == star + 2 || p.pointer().charAt(star + 2) == '/');
                JsonPointer prefix = JsonPointer.compile(split ? p.pointer().substring(0, star) : p.pointer());
                JsonPointer suffix = split ? JsonPointer.compile(p.pointer().substring(star + 2)) : null;
                Map<JsonPointer, String> where = new java.util.LinkedHashMap<>();
                p.where().forEach((k, v) -> where.put(JsonPointer.compile(k), v));
                compiled.add(new Compiled(p, prefix, suffix, where));
            }
            return new Field(name, null, null, compiled);
        }
        if (source.column() != null && source.column().startsWith("/")) {
            return new Field(name, null, JsonPointer.compile(source.column()), null);
        }
        throw new SourceException("Mapping " + mapping.name() + ": fields." + name + ": an Ed-Fi JSON "
                + "field is a JSON pointer such as /studentReference/studentUniqueId, not " + source.describe());
    }

    /** Reads the joined file whole, its resources by their key; a resource without a key cannot match. */
    private static Joined load(SourceInput input, Mapping mapping, Mapping.Join join) throws IOException {
        Path file = input.file().resolveSibling(join.file());
        if (!Files.isRegularFile(file)) {
            throw new SourceException(input.name() + ": join." + join.name() + ": the resource file " + join.file()
                    + " is not beside it (" + file + ")");
        }
        JsonPointer key = JsonPointer.compile(join.key());
        Map<String, List<JsonNode>> byKey = new HashMap<>();
        resources(new SourceInput(file, mapping), new TextSource[1], node -> {
            String value = value(node.at(key));
            if (value != null && !value.isBlank()) {
                byKey.computeIfAbsent(value.strip(), k -> new ArrayList<>(1)).add(node);
            }
        });
        return new Joined(join, byKey, JsonPointer.compile(join.on()),
                join.latest() == null ? null : JsonPointer.compile(join.latest()));
    }

    /** The joined resource with the input resource's key; of several, the latest, or an ambiguity. */
    private static Match match(Joined joined, JsonNode node) {
        String key = value(node.at(joined.on()));
        List<JsonNode> found = key == null ? null : joined.byKey().get(key.strip());
        if (found == null) {
            return new Match(null, null);
        }
        if (found.size() == 1) {
            return new Match(found.get(0), null);
        }
        String ambiguous = found.size() + " resources of " + joined.join().file() + " have " + joined.join().key()
                + " '" + key.strip() + "'";
        if (joined.latest() == null) {
            return new Match(null, ambiguous + "; say which is current with latest: in join." + joined.join().name());
        }
        JsonNode best = null;
        String bestValue = null;
        boolean tie = false;
        for (JsonNode candidate : found) {
            String v = value(candidate.at(joined.latest()));
            int order = v == null ? -1 : bestValue == null ? 1 : v.compareTo(bestValue);
            if (best == null || order > 0) {
                best = candidate;
                bestValue = v;
                tie = false;
            } else if (order == 0) {
                tie = true;
            }
        }
        if (tie || bestValue == null) {
            return new Match(null, ambiguous + " and no single one has the latest " + joined.join().latest());
        }
        return new Match(best, null);
    }

    /** The first source that gives a value. */
    private static Value evaluate(List<Compiled> sources, JsonNode node, Map<String, Match> matches) {
        for (Compiled c : sources) {
            Mapping.PointerSource p = c.source();
            if (p.isConstant()) {
                return new Value(p.then(), null);
            }
            JsonNode base = node;
            if (p.from() != null) {
                Match match = matches.get(p.from());
                if (match.ambiguity() != null) {
                    return new Value(null, match.ambiguity());
                }
                base = match.node();
                if (base == null) {
                    continue;
                }
            }
            Set<String> found = new LinkedHashSet<>();
            JsonNode at = base.at(c.prefix());
            if (c.suffix() == null) {
                add(found, value(at));
            } else if (at.isArray()) {
                for (JsonNode element : at) {
                    boolean kept = true;
                    for (Map.Entry<JsonPointer, String> w : c.where().entrySet()) {
                        kept &= w.getValue().equals(value(element.at(w.getKey())));
                    }
                    if (kept) {
                        add(found, value(element.at(c.suffix())));
                    }
                }
            }
            if (found.isEmpty()) {
                continue;
            }
            if (p.is() != null) {
                if (found.size() == 1 && found.contains(p.is())) {
                    return new Value(p.then(), null);
                }
                continue;
            }
            if (found.size() > 1) {
                if (p.several() != null) {
                    return new Value(p.several(), null);
                }
                return new Value(String.join(", ", found), found.size() + " values at " + p.pointer()
                        + " where one is expected");
            }
            String value = found.iterator().next();
            return new Value(p.schoolYear() == null ? value : schoolYear(p.schoolYear(), value), null);
        }
        return new Value(null, null);
    }

    private static void add(Set<String> found, String value) {
        if (value != null && !value.isBlank()) {
            found.add(value.strip());
        }
    }

    /**
     * {@code ending}: Ed-Fi names a school year by the calendar year it ends in (Ed-Fi Data Standard
     * SchoolYearType; 2025 is 2024-25), canonically written 2024-25. {@code date}: the school year of a date, July
     * 1 to June 30 as CALPADS counts years (as the edfi-ods-enrollments preset does). Anything else is left for the
     * framework to report as an unknown school year.
     */
    static String schoolYear(String kind, String value) {
        if (kind.equals("ending")) {
            if (!value.matches("\\d{4}")) {
                return value;
            }
            int end = Integer.parseInt(value);
            return (end - 1) + "-" + String.format("%02d", end % 100);
        }
        try {
            LocalDate date = LocalDate.parse(value);
            int start = date.getMonthValue() >= 7 ? date.getYear() : date.getYear() - 1;
            return start + "-" + String.format("%02d", (start + 1) % 100);
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 1000 ? text.substring(0, 1000) + "..." : text;
    }

    /** Calls {@code each} with every resource of the input, an array or one per line; a file that is not whole fails. */
    private static void resources(SourceInput input, TextSource[] opened, Consumer<JsonNode> each) throws IOException {
        ObjectMapper reader = new ObjectMapper();
        try (TextSource text = new TextSource(input, false);
                JsonParser parser = new JsonFactory().createParser(text.reader())) {
            opened[0] = text;
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new SourceException(input.name() + " is empty");
                }
                if (token == JsonToken.START_ARRAY) {
                    token = parser.nextToken();
                }
                while (token != null && token != JsonToken.END_ARRAY) {
                    if (token != JsonToken.START_OBJECT) {
                        throw new SourceException(input.name() + " line " + parser.currentTokenLocation().getLineNr()
                                + ": expected an Ed-Fi resource (a JSON object), found " + token.asString());
                    }
                    each.accept(reader.readTree(parser));
                    token = parser.nextToken();
                }
            } catch (JsonProcessingException e) {
                throw new SourceException(input.name() + " line "
                        + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": not valid JSON ("
                        + e.getOriginalMessage() + "); is the file truncated?", e);
            } catch (IOException e) {
                throw text.explain(e, parser.currentLocation().getLineNr());
            }
        }
    }

    /** A scalar as text, a descriptor as its code value; missing, null and structured values are absent. */
    static String value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText();
        int hash = text.indexOf('#');
        return text.startsWith(DESCRIPTOR_SCHEME) && hash > 0 ? text.substring(hash + 1) : text;
    }
}
