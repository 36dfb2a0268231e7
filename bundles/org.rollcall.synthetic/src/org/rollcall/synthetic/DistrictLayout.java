package org.rollcall.synthetic;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.rollcall.model.SchoolLevel;

/**
 * The fictional district and its schools: one elementary school (TK-5) per ~500 students, one middle
 * school (6-8) per ~900 and one high school (9-12) per ~1,800, at least one of each. County 99 does not
 * exist in California's CDS codes, so no code can be mistaken for a real school.
 */
final class DistrictLayout {

    static final String COUNTY_CODE = "99";
    static final String COUNTY_NAME = "Sierra Vista County (synthetic)";
    static final String DISTRICT_CODE = COUNTY_CODE + "00001";
    static final String DISTRICT_NAME = "Sierra Vista Unified (synthetic)";

    private static final String[] NAMES = {"Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hawthorn",
        "Ironwood", "Juniper", "Laurel", "Madrone", "Manzanita", "Oak", "Palm", "Pine", "Redwood", "Sequoia",
        "Sycamore", "Tamarack", "Walnut", "Willow", "Yew", "Buckeye", "Cypress", "Hemlock", "Maple", "Olive",
        "Poplar", "Spruce"};

    /** A school of the district. */
    record School(String code, String name, SchoolLevel level) {
    }

    private final Map<SchoolLevel, List<School>> schools = new EnumMap<>(SchoolLevel.class);

    DistrictLayout(int students) {
        int serial = 0;
        int[] perSchool = {500, 900, 1800};
        // TK counts half a grade: 13.5 grade-cohorts in all, 6.5 of them elementary, 3 middle, 4 high.
        double[] share = {6.5 / 13.5, 3 / 13.5, 4 / 13.5};
        String[] suffix = {"Elementary", "Middle School", "High School"};
        for (SchoolLevel level : SchoolLevel.values()) {
            int i = level.ordinal();
            int count = Math.max(1, (int) Math.round(students * share[i] / perSchool[i]));
            List<School> list = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                String name = NAMES[serial % NAMES.length] + (serial >= NAMES.length ? " " + (serial / NAMES.length + 1)
                        : "") + " " + suffix[i];
                list.add(new School(DISTRICT_CODE + String.format("6%06d", ++serial * 10), name, level));
            }
            schools.put(level, list);
        }
    }

    List<School> schools(SchoolLevel level) {
        return schools.get(level);
    }

    List<School> all() {
        List<School> all = new ArrayList<>();
        schools.values().forEach(all::addAll);
        return all;
    }
}
