package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollcall.model.AttendanceCategory;
import org.rollcall.sources.Entity;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.Presets;
import org.rollcall.sources.SourceException;

/** Mapping files: what they say, and the message for each kind of mistake. */
class MappingTest {

    @Test
    void theTestMappingReadsAsWritten() {
        Mapping mapping = Mapping.parse("daily.yaml", MiniDistrict.DAILY_MAPPING);
        assertEquals(Entity.DAILY_ATTENDANCE, mapping.entity());
        assertEquals(',', mapping.delimiter());
        assertEquals("Code", mapping.field("local_code").orElseThrow().column());
        assertEquals(MiniDistrict.SCHOOL_A, mapping.schools().get("101"));
        Mapping.CodeMapping ill = mapping.codes().get("ILL");
        assertEquals(AttendanceCategory.EXCUSED, ill.category());
        assertEquals("illness", ill.reason());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key            | entity: students\\nfeilds: {}                          | feilds: unknown key
            no entity              | format: delimited                                    | entity: missing
            unknown entity         | entity: attendance                                   | 'attendance' is not one of districts
            missing required field | entity: students\\nfields: {local_id: ID}             | students needs ssid, first_name
            unknown field          | entity: students\\nfields: {studentid: ID}            | fields.studentid: not a field of students
            bad category           | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\ncodes: {A: {category: absent}} | codes.A: category 'absent' is not one of present
            reason on unexcused    | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\ncodes: {A: {category: unexcused, reason: illness}} | only excused codes carry an EC 48205 reason
            bad encoding           | entity: districts\\nencoding: klingon\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | encoding: 'klingon' is not an encoding
            bad date pattern       | entity: districts\\ndates: ["M/d/yyyy{"]\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | dates: 'M/d/yyyy{' is not a date pattern
            not a CDS code         | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\nschools: {"101": "12345"} | schools.101: '12345' is not a 14-digit CDS code
            not YAML               | entity: [students                                    | is not valid YAML
            fill outside daily     | entity: districts\\nfill_present: P\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | only daily_attendance exports can leave present days out
            fill with an absence   | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\ncodes: {A: {category: unexcused}}\\nfill_present: A | code 'A' is mapped to unexcused, not present
            jdbc without a query   | entity: districts\\nformat: jdbc\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | query: missing; a jdbc mapping runs a query
            a file with a query    | entity: districts\\nquery: SELECT 1\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | query: a delimited mapping reads a file
            join outside edfi-json | entity: districts\\njoin: {a: {file: x.json, key: /k, on: /k}}\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | join: only an edfi-json mapping joins
            join without a key     | entity: districts\\nformat: edfi-json\\njoin: {a: {file: x.json, on: /k}}\\nfields: {district_code: /a, district_name: /b, county_code: /c, county_name: /d} | join.a.key: missing
            from no join           | entity: districts\\nformat: edfi-json\\nfields: {district_code: {from: a, pointer: /x}, district_name: /b, county_code: /c, county_name: /d} | from: 'a' is not a join of this mapping (it has none)
            two stars              | entity: districts\\nformat: edfi-json\\nfields: {district_code: {pointer: /a/*/b/*/c}, district_name: /b, county_code: /c, county_name: /d} | at most one segment may be *
            where without a star   | entity: districts\\nformat: edfi-json\\nfields: {district_code: {pointer: /a, where: {/b: X}}, district_name: /b, county_code: /c, county_name: /d} | where: keeps the elements of the * array
            pointer in a CSV       | entity: districts\\nfields: {district_code: {pointer: /a}, district_name: 2, county_code: 3, county_name: 4} | pointer: and first: read Ed-Fi JSON
            covers outside daily   | entity: districts\\ncovers_schools: all\\nfields: {district_code: 1, district_name: 2, county_code: 3, county_name: 4} | covers_schools: only daily_attendance files cover schools
            covers a bad code      | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\ncovers_schools: ["101"] | covers_schools: '101' is not a 14-digit CDS code
            covers some            | entity: daily_attendance\\nfields: {local_id: 1, school_code: 2, attendance_date: 3, local_code: 4}\\ncovers_schools: some | covers_schools: write all, or a list of 14-digit CDS codes
            bad school year kind   | entity: districts\\nformat: edfi-json\\nfields: {district_code: {pointer: /a, school_year: start}, district_name: /b, county_code: /c, county_name: /d} | 'start' is not ending
            """)
    void mistakesAreNamedWithTheMappingAndTheKey(String what, String yaml, String expected) {
        SourceException e = assertThrows(SourceException.class, () -> Mapping.parse("m.yaml", yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith("Mapping m.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    @Test
    void everyPresetIsAValidMapping() {
        for (String name : Presets.NAMES) {
            Mapping preset = Presets.load(name);
            assertEquals("preset:" + name, preset.name());
            assertTrue(org.rollcall.sources.SourceAdapters.find(preset.format()).isPresent(), name + ": " + preset.format());
        }
        assertEquals('\t', Presets.load("daily-attendance-tab-latin1").delimiter());
        SourceException e = assertThrows(SourceException.class, () -> Presets.load("aeries"));
        assertTrue(e.getMessage().contains("daily-attendance-csv"), e.getMessage());
    }
}
