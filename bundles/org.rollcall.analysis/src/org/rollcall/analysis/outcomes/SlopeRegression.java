package org.rollcall.analysis.outcomes;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The least-squares slope of an outcome on one regressor (the absence rate), with further covariates and fixed
 * effects, and a 95% interval whose standard error is cluster-robust by school.
 *
 * <p>Fixed effects are absorbed by demeaning within their groups (Frisch-Waugh-Lovell: the slope is the one a
 * regression with a dummy per group gives). Covariates that the others already determine (a grade dummy inside a
 * school's grades once schools are absorbed) are left out, so the design never is singular. The standard error is
 * the larger of the cluster-robust one (CR1: the Liang-Zeger sandwich with the small-sample factor
 * G/(G-1) x (N-1)/(N-K)) and the heteroskedasticity-robust one (HC1), and the interval takes Student's t with G-1
 * degrees of freedom: with a handful of schools the sandwich underestimates the variance and the normal quantile
 * is too small (Cameron and Miller 2015, "A practitioner's guide to cluster-robust inference"), so both widen the
 * interval instead of letting it shrink with few clusters.
 */
final class SlopeRegression {

    /** The slope, its interval and what it rests on. */
    record Slope(double slope, double standardError, Intervals.Interval interval, int clusters, int columns) {
    }

    private static final double COLLINEAR = 1e-9;

    private SlopeRegression() {
    }

    /**
     * @param y the outcome per observation
     * @param regressor the variable whose slope is wanted (kept whatever the covariates)
     * @param covariates further columns (dummies of student groups and grades), any of which may be redundant
     * @param absorbed the fixed-effect group of each observation (all 0 for an intercept only)
     * @param cluster the cluster (school) of each observation, 0 to clusters - 1
     */
    static Slope fit(double[] y, double[] regressor, List<double[]> covariates, int[] absorbed, int[] cluster) {
        int n = y.length;
        List<double[]> columns = new ArrayList<>();
        columns.add(demeaned(regressor, absorbed));
        for (double[] covariate : covariates) {
            columns.add(demeaned(covariate, absorbed));
        }
        double[] outcome = demeaned(y, absorbed);
        List<double[]> kept = independent(columns);
        int k = kept.size();
        int groups = groups(absorbed);
        if (kept.isEmpty() || kept.get(0) != columns.get(0) || n - k - groups < 2) {
            // the regressor does not vary within the fixed-effect groups, or there are too few observations
            return new Slope(Double.NaN, Double.NaN, Intervals.Interval.NONE, 0, k);
        }
        double[][] gram = new double[k][k];
        double[] xy = new double[k];
        for (int a = 0; a < k; a++) {
            double[] ca = kept.get(a);
            xy[a] = dot(ca, outcome);
            for (int b = 0; b <= a; b++) {
                gram[a][b] = gram[b][a] = dot(ca, kept.get(b));
            }
        }
        RealMatrix inverse = new CholeskyDecomposition(MatrixUtils.createRealMatrix(gram), 1e-12, 1e-14).getSolver()
                .getInverse();
        double[] beta = inverse.operate(xy);
        double[] slopeRow = inverse.getRow(0);
        int clusters = groups(cluster);
        double[] clusterScore = new double[clusters];
        double hc = 0;
        for (int i = 0; i < n; i++) {
            double fitted = 0;
            double weight = 0;
            for (int a = 0; a < k; a++) {
                double x = kept.get(a)[i];
                fitted += beta[a] * x;
                weight += slopeRow[a] * x;
            }
            double score = weight * (outcome[i] - fitted);
            clusterScore[cluster[i]] += score;
            hc += score * score;
        }
        int parameters = k + groups;
        double hcVariance = hc * n / (n - parameters);
        double se = Math.sqrt(hcVariance);
        double df = n - parameters;
        if (clusters >= 2) {
            double cr = 0;
            for (double s : clusterScore) {
                cr += s * s;
            }
            cr *= (double) clusters / (clusters - 1) * (n - 1.0) / (n - parameters);
            se = Math.sqrt(Math.max(cr, hcVariance));
            df = clusters - 1;
        }
        double half = Intervals.t(df) * se;
        return new Slope(beta[0], se, new Intervals.Interval(beta[0] - half, beta[0] + half), clusters, k);
    }

    /** The columns none of which the ones before it determine (a Gram-Schmidt pass over the demeaned columns). */
    private static List<double[]> independent(List<double[]> columns) {
        List<double[]> kept = new ArrayList<>();
        List<double[]> basis = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            double[] column = columns.get(j);
            double norm = dot(column, column);
            if (norm == 0) {
                continue;
            }
            double[] residual = column.clone();
            for (double[] q : basis) {
                double projection = dot(residual, q);
                for (int i = 0; i < residual.length; i++) {
                    residual[i] -= projection * q[i];
                }
            }
            double left = dot(residual, residual);
            if (left > COLLINEAR * norm) {
                double length = Math.sqrt(left);
                for (int i = 0; i < residual.length; i++) {
                    residual[i] /= length;
                }
                basis.add(residual);
                kept.add(column);
            }
        }
        return kept;
    }

    private static double[] demeaned(double[] values, int[] group) {
        int groups = groups(group);
        double[] sum = new double[groups];
        int[] count = new int[groups];
        for (int i = 0; i < values.length; i++) {
            sum[group[i]] += values[i];
            count[group[i]]++;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - sum[group[i]] / count[group[i]];
        }
        return out;
    }

    private static int groups(int[] group) {
        int max = -1;
        for (int g : group) {
            max = Math.max(max, g);
        }
        return max + 1;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
