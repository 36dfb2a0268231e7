package org.rollcall.model;

/** The three levels of school a district runs, with the grades each serves. */
public enum SchoolLevel {
    ELEMENTARY(Grade.TK, Grade.G05), MIDDLE(Grade.G06, Grade.G08), HIGH(Grade.G09, Grade.G12);

    private final Grade lowGrade;
    private final Grade highGrade;

    SchoolLevel(Grade lowGrade, Grade highGrade) {
        this.lowGrade = lowGrade;
        this.highGrade = highGrade;
    }

    public Grade lowGrade() {
        return lowGrade;
    }

    public Grade highGrade() {
        return highGrade;
    }

    public boolean serves(Grade grade) {
        return grade.ordinal() >= lowGrade.ordinal() && grade.ordinal() <= highGrade.ordinal();
    }

    public static SchoolLevel serving(Grade grade) {
        for (SchoolLevel level : values()) {
            if (level.serves(grade)) {
                return level;
            }
        }
        throw new IllegalArgumentException("no school level serves " + grade);
    }
}
