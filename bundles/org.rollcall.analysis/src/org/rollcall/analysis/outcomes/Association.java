package org.rollcall.analysis.outcomes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How one measure in one year goes with the share of days absent: correlations, the raw slope and the slope adjusted
 * for grade and school (fixed effects) and the student groups, each with its 95% interval.
 */
record Association(int schools, double meanAbsence, double meanValue, double pearson,
        Intervals.Interval pearsonInterval, double spearman, Intervals.Interval spearmanInterval,
        SlopeRegression.Slope raw, SlopeRegression.Slope adjusted) {

    static Association of(List<StudentOutcome> students) {
        int n = students.size();
        double[] absence = new double[n];
        double[] value = new double[n];
        int[] school = new int[n];
        int[] none = new int[n];
        Map<String, Integer> schoolIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            StudentOutcome s = students.get(i);
            absence[i] = s.absenceRate();
            value[i] = s.value();
            school[i] = schoolIndex.computeIfAbsent(s.school(), k -> schoolIndex.size());
        }
        List<double[]> covariates = new ArrayList<>();
        for (String group : OutcomeData.COVARIATE_GROUPS) {
            covariates.add(indicator(students, s -> s.groups().contains(group)));
        }
        for (String grade : new TreeSet<>(students.stream().map(StudentOutcome::grade).toList())) {
            covariates.add(indicator(students, s -> s.grade().equals(grade)));
        }
        double pearson = new PearsonsCorrelation().correlation(absence, value);
        double spearman = new SpearmansCorrelation().correlation(absence, value);
        return new Association(schoolIndex.size(), mean(absence), mean(value), pearson,
                Intervals.pearson(pearson, n), spearman, Intervals.spearman(spearman, n),
                SlopeRegression.fit(value, absence, List.of(), none, school),
                SlopeRegression.fit(value, absence, covariates, school, school));
    }

    /** The method in words, as the association table states it. */
    static String method(int schools) {
        return "Students with the measure and 31+ days expected in the district that year; absence is the percent of "
                + "those days absent (district level). Pearson and Spearman correlations with Fisher-z intervals. "
                + "Slopes by least squares in outcome points per percentage point of days absent: raw (absence alone) "
                + "and adjusted (fixed effects for grade and for the school attended most, and indicators of EL, SED, "
                + "SWD, foster and homeless youth and of race/ethnicity). 95% intervals use standard errors "
                + "cluster-robust by school (CR1, never smaller than the heteroskedasticity-robust error) with "
                + "Student's t on schools - 1 degrees of freedom, so that few schools widen the interval"
                + (schools > 0 ? " (" + schools + " schools)" : "") + ".";
    }

    private static double[] indicator(List<StudentOutcome> students, java.util.function.Predicate<StudentOutcome> is) {
        double[] column = new double[students.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = is.test(students.get(i)) ? 1 : 0;
        }
        return column;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
