package org.rollcall.sources.file;

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
 */
public final class EdFiJsonAdapter implements SourceAdapter {

    private static final String DESCRIPTOR_SCHEME = "uri://";

    @Override
    public String name() {
        return "edfi-json";
    }

    @Override
    public String description() {
        return "Ed-Fi API resources as JSON (an array or one per line), fields by JSON pointer, descriptors by code value";
    }

    @Override
    public void read(SourceInput input, RecordSink sink) throws IOException {
        Mapping mapping = TextSource.mappingOf(input, this);
        Entity entity = mapping.entity();
        List<String> fields = new ArrayList<>();
        List<JsonPointer> pointers = new ArrayList<>();
        List<String> constants = new ArrayList<>();
        for (Map.Entry<String, Mapping.FieldSource> entry : mapping.fields().entrySet()) {
            Mapping.FieldSource source = entry.getValue();
            fields.add(entry.getKey());
            if (source.isConstant()) {
                pointers.add(null);
                constants.add(source.constant());
            } else if (source.column() != null && source.column().startsWith("/")) {
                pointers.add(JsonPointer.compile(source.column()));
                constants.add(null);
            } else {
                throw new SourceException("Mapping " + mapping.name() + ": fields." + entry.getKey() + ": an Ed-Fi JSON "
                        + "field is a JSON pointer such as /studentReference/studentUniqueId, not " + source.describe());
            }
        }
        sink.fields(entity, fields);
        ObjectMapper reader = new ObjectMapper();
        long resource = 0;
        try (TextSource text = new TextSource(input, false);
                JsonParser parser = new JsonFactory().createParser(text.reader())) {
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
                    resource++;
                    JsonNode node = reader.readTree(parser);
                    String[] values = new String[fields.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = pointers.get(i) == null ? constants.get(i) : value(node.at(pointers.get(i)));
                    }
                    sink.record(entity, resource, values);
                    if (resource % 20_000 == 0) {
                        sink.progress(text.bytesRead(), text.size());
                    }
                    token = parser.nextToken();
                }
            } catch (JsonProcessingException e) {
                throw new SourceException(input.name() + " line "
                        + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ": not valid JSON ("
                        + e.getOriginalMessage() + "); is the file truncated?", e);
            } catch (IOException e) {
                throw text.explain(e, parser.currentLocation().getLineNr());
            }
            sink.progress(text.size(), text.size());
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
