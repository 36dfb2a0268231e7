package org.rollcall.reports;

import static org.rollcall.reports.ReportParameter.choice;
import static org.rollcall.reports.ReportParameter.date;
import static org.rollcall.reports.ReportParameter.schoolYear;
import static org.rollcall.reports.ReportParameter.text;

import java.util.List;

/** The templates RollCall ships (docs/rules.md sections 4 and 6), contributed as a plugin's would be. */
final class BuiltInTemplates implements ReportTemplateProvider {

    @Override
    public List<ReportTemplate> templates() {
        return List.of(
                new ReportTemplate("lcap-goals", "LCAP goal metrics (State Priority 5)",
                        "Chronic absenteeism (LCAP and Dashboard definitions) and attendance rate for all students and "
                                + "every Dashboard student group, in the seven columns of the LCAP's Measuring and "
                                + "Reporting Results table; cells of 10 or fewer students suppressed.",
                        BuiltInTemplates.class.getResource("templates/lcap-goals.rptdesign"),
                        List.of(schoolYear("school_year", "Baseline year; Year 1 and Year 2 outcomes are the two "
                                + "school years after it, the target the goal set for the year after those",
                                ReportParameter.FIRST_SCHOOL_YEAR)),
                        null, List.of()),
                new ReportTemplate("truancy-letters", "Truancy notifications (EC 48260.5)",
                        "One letter per student who became truant (EC 48260: 3 unexcused absences or tardies over 30 "
                                + "minutes in the school year) by the notice date, listing the qualifying dates, with the "
                                + "content of EC 48260.5 in force on that date (amended from 2025-07-01); a CSV mail-merge "
                                + "list beside it.",
                        BuiltInTemplates.class.getResource("templates/truancy-letters.rptdesign"),
                        List.of(date("notice_date", "Date of the letters; the school year is the one started by then", null),
                                text("letterhead", "Letterhead text (default: the district's name)", ""),
                                text("signer", "Who signs the letters", "Attendance Office"),
                                choice("language", "Language of the letters", "en", List.of("en", "es"))),
                        "language",
                        List.of(new ReportTemplate.Companion("mail_merge", "-mail-merge.csv",
                                "one row per letter: student, grade, school, truancy date and qualifying dates"))),
                new ReportTemplate("district-snapshot", "District snapshot: chronic absenteeism",
                        "The district's Dashboard chronic absenteeism rate with its status, change and color, a year "
                                + "earlier, a chart and a table by student group (with n and the gap to all students) and "
                                + "a table by school; withheld cells show no value and are left out of the chart.",
                        BuiltInTemplates.class.getResource("templates/district-snapshot.rptdesign"),
                        List.of(schoolYear("school_year", "The school year shown", ReportParameter.LATEST_SCHOOL_YEAR)),
                        null, List.of()));
    }
}
