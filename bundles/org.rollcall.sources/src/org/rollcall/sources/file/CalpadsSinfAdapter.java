package org.rollcall.sources.file;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * CALPADS Student Information (SINF) files: caret-delimited like any CALPADS extract, read by the delimited
 * adapter, except that a student's Dashboard race/ethnicity group is derived from the Hispanic ethnicity indicator
 * (2.23) and the up to five race codes (2.25-2.29), which the mapping joins into {@code race_ethnicity}
 * ({@code {join: [23, 25, 26, 27, 28, 29], separator: " "}}; the positions live in the preset only).
 *
 * <p>The rule (docs/rules.md section 3, Dashboard student groups): Hispanic (2.23 = Y) is HI whatever the race codes;
 * otherwise the one race group of the codes, or MR (two or more races) when they fall in two or more groups. A code
 * that is not a CALPADS race code, or a student with neither the indicator nor a race code, is quarantined with the
 * field and the reason.
 */
public final class CalpadsSinfAdapter implements SourceAdapter {

    /**
     * CALPADS race codes and the Dashboard group of each. Codes from the CALPADS Code Sets' race code set as
     * cross-walked by the California Postsecondary Education Commission (cpec.ca.gov, Data Element Cross-Walk,
     * Ethnicity, CSIS codes): 100 American Indian or Alaska Native; 201 Chinese, 202 Japanese, 203 Korean,
     * 204 Vietnamese, 205 Asian Indian, 206 Laotian, 207 Cambodian, 208 Hmong, 299 other Asian; 301 Hawaiian,
     * 302 Guamanian, 303 Samoan, 304 Tahitian, 399 other Pacific Islander; 400 Filipino; 600 Black or African
     * American; 700 White. Groups: the Dashboard's AI, AS, PI, FI, AA, WH (docs/rules.md section 3).
     */
    static final Map<String, String> RACE_GROUPS = Map.ofEntries(Map.entry("100", "AI"),
            Map.entry("201", "AS"), Map.entry("202", "AS"), Map.entry("203", "AS"), Map.entry("204", "AS"),
            Map.entry("205", "AS"), Map.entry("206", "AS"), Map.entry("207", "AS"), Map.entry("208", "AS"),
            Map.entry("299", "AS"), Map.entry("301", "PI"), Map.entry("302", "PI"), Map.entry("303", "PI"),
            Map.entry("304", "PI"), Map.entry("399", "PI"), Map.entry("400", "FI"), Map.entry("600", "AA"),
            Map.entry("700", "WH"));

    /** The race code written for each group by the CALPADS export: a representative code, not the student's own. */
    static final Map<String, String> GROUP_CODES = Map.of("AI", "100", "AS", "299", "PI", "399", "FI", "400",
            "AA", "600", "WH", "700");

    private static final String FIELD = "race_ethnicity";

    @Override
    public String name() {
        return "calpads-sinf";
    }

    @Override
    public String description() {
        return "CALPADS Student Information (SINF) extracts: caret-delimited, race/ethnicity derived from 2.23 and 2.25-2.29";
    }

    @Override
    public void read(SourceInput input, RecordSink sink) throws IOException {
        Mapping mapping = TextSource.mappingOf(input, this);
        Mapping.FieldSource race = mapping.field(FIELD).orElse(null);
        if (mapping.entity() != Entity.STUDENTS || race == null || !race.isJoin() || race.separator().isEmpty()) {
            throw new SourceException("Mapping " + mapping.name() + ": the " + name() + " adapter reads students and "
                    + "derives race_ethnicity from the Hispanic ethnicity indicator and the race codes joined with a "
                    + "separator, e.g. race_ethnicity: {join: [23, 25, 26, 27, 28, 29], separator: \" \"}");
        }
        new DelimitedAdapter().read(input, new Deriving(sink, race.separator()));
    }

    /**
     * The Dashboard group of a Hispanic indicator and race codes, or null with {@code why[0]} saying what is wrong.
     */
    static String group(String hispanic, List<String> codes, String[] why) {
        if ("Y".equalsIgnoreCase(hispanic.strip())) {
            return "HI";
        }
        TreeSet<String> groups = new TreeSet<>();
        for (String code : codes) {
            if (code.isBlank()) {
                continue;
            }
            String group = RACE_GROUPS.get(code.strip());
            if (group == null) {
                why[0] = "race code '" + code.strip() + "' is not a CALPADS race code (" + String.join(", ",
                        new TreeSet<>(RACE_GROUPS.keySet())) + ")";
                return null;
            }
            groups.add(group);
        }
        if (groups.isEmpty()) {
            why[0] = "neither Hispanic (2.23 = Y) nor any race code (2.25-2.29) is reported, and the Dashboard "
                    + "race/ethnicity group the students table needs cannot be derived";
            return null;
        }
        return groups.size() == 1 ? groups.first() : "MR";
    }

    /** Replaces the joined indicator and codes with the group, or quarantines the row. */
    private static final class Deriving implements RecordSink {
        private final RecordSink sink;
        private final String separator;
        private List<String> fields;
        private int index;

        Deriving(RecordSink sink, String separator) {
            this.sink = sink;
            this.separator = separator;
        }

        @Override
        public void fields(Entity entity, List<String> fields) {
            this.fields = List.copyOf(fields);
            this.index = fields.indexOf(FIELD);
            sink.fields(entity, fields);
        }

        @Override
        public void record(Entity entity, long line, String[] values) {
            String joined = values[index] == null ? "" : values[index];
            List<String> parts = List.of(joined.split(java.util.regex.Pattern.quote(separator), -1));
            String[] why = new String[1];
            String group = group(parts.get(0), parts.subList(1, parts.size()), why);
            if (group == null) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < fields.size(); i++) {
                    text.append(i == 0 ? "" : "; ").append(fields.get(i)).append('=')
                            .append(values[i] == null ? "" : values[i]);
                }
                sink.invalid(entity, line, FIELD, joined, why[0], text.toString());
                return;
            }
            values[index] = group;
            sink.record(entity, line, values);
        }

        @Override
        public void unreadable(Entity entity, long line, String reason, String text) {
            sink.unreadable(entity, line, reason, text);
        }

        @Override
        public void invalid(Entity entity, long line, String field, String value, String reason, String text) {
            sink.invalid(entity, line, field, value, reason, text);
        }

        @Override
        public void progress(long done, long total) {
            sink.progress(done, total);
        }
    }
}
