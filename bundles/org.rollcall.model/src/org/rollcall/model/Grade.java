package org.rollcall.model;

import java.util.Arrays;
import java.util.Optional;

/** Grade levels as CALPADS codes them: transitional kindergarten, kindergarten, 1 through 12. */
public enum Grade {
    TK("TK"), KN("KN"), G01("01"), G02("02"), G03("03"), G04("04"), G05("05"), G06("06"),
    G07("07"), G08("08"), G09("09"), G10("10"), G11("11"), G12("12");

    private final String code;

    Grade(String code) {
        this.code = code;
    }

    /** The value stored in {@code enrollments.grade}. */
    public String code() {
        return code;
    }

    /** TK is -1, K is 0, then 1 to 12. */
    public int number() {
        return ordinal() - 1;
    }

    public static Grade ofNumber(int number) {
        return values()[number + 1];
    }

    /** The grade span a DataQuest file reports this grade in (docs/rules.md section 3: GRTKKN, GR13, GR46, GR78, GR912). */
    public String dataQuestSpan() {
        int n = number();
        if (n <= 0) {
            return "GRTKKN";
        } else if (n <= 3) {
            return "GR13";
        } else if (n <= 6) {
            return "GR46";
        } else if (n <= 8) {
            return "GR78";
        }
        return "GR912";
    }

    public static Optional<Grade> fromCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equalsIgnoreCase(code)).findFirst();
    }
}
