package org.rollcall.synthetic;

import java.util.SplittableRandom;

/**
 * A student's lasting traits, drawn once from their own random stream: demographics at California-like
 * shares, program memberships, and the personal absence propensity the attendance model starts from.
 */
record StudentProfile(String gender, String race, boolean sed, boolean el, boolean swd, boolean foster,
        boolean homeless, double propensity, double ability) {

    private static final String[] RACES = {"HI", "WH", "AS", "AA", "FI", "MR", "AI", "PI"};
    /** Shares of California's enrollment (CDE DataQuest, recent years), in the order of {@link #RACES}. */
    private static final double[] RACE_SHARES = {0.56, 0.20, 0.10, 0.05, 0.023, 0.04, 0.005, 0.004};

    /** Median daily absence probability before any multiplier; calibrated so ~25% of students are chronic. */
    static final double MEDIAN_PROPENSITY = 0.043;
    static final double PROPENSITY_SPREAD = 0.72;

    /**
     * Achievement gaps in ability (1 = 85 scale-score points) for socioeconomically disadvantaged students, English
     * learners and students with disabilities, about the size of the gaps in California's published CAASPP results.
     * The same groups are absent more, so the groups confound the raw association of absence with scores (the
     * planted confounder the outcome analysis must adjust for); the draw order is unchanged, so attendance is too.
     */
    static final double SED_GAP = 0.9;
    static final double EL_GAP = 0.9;
    static final double SWD_GAP = 1.2;
    /** Added back so that the district's mean ability stays about 0 (SED 57%, EL 19%, SWD 14%; race gaps average 0). */
    static final double MEAN_GAP = SED_GAP * 0.57 + EL_GAP * 0.19 + SWD_GAP * 0.14;

    static StudentProfile draw(SplittableRandom random, int gradeNumber) {
        double g = random.nextDouble();
        String gender = g < 0.49 ? "F" : g < 0.995 ? "M" : "X";
        String race = RACES[pick(random, RACE_SHARES)];
        boolean sed = random.nextDouble() < switch (race) {
            case "HI" -> 0.72;
            case "AA", "AI" -> 0.68;
            case "PI" -> 0.65;
            case "MR" -> 0.45;
            case "FI" -> 0.40;
            default -> 0.35;
        };
        double elShare = switch (race) {
            case "HI" -> 0.27;
            case "AS" -> 0.22;
            case "FI" -> 0.10;
            default -> 0.04;
        } * (gradeNumber <= 5 ? 1.3 : gradeNumber <= 8 ? 0.9 : 0.65);
        boolean el = random.nextDouble() < elShare;
        boolean swd = random.nextDouble() < 0.14;
        boolean foster = random.nextDouble() < 0.005;
        boolean homeless = random.nextDouble() < (sed ? 0.045 : 0.008);
        double propensity = MEDIAN_PROPENSITY * Math.exp(PROPENSITY_SPREAD * random.nextGaussian())
                * raceFactor(race) * (sed ? 1.25 : 1) * (swd ? 1.25 : 1) * (foster ? 1.5 : 1) * (homeless ? 1.6 : 1)
                * (el ? 1.05 : 1);
        double ability = random.nextGaussian() + raceGap(race) - (sed ? SED_GAP : 0) - (el ? EL_GAP : 0)
                - (swd ? SWD_GAP : 0) + MEAN_GAP;
        return new StudentProfile(gender, race, sed, el, swd, foster, homeless, propensity, ability);
    }

    /** Relative chronic absence by race/ethnicity in California data: higher for AA, AI, PI; lower for AS, FI. */
    private static double raceFactor(String race) {
        return switch (race) {
            case "AA" -> 1.45;
            case "AI" -> 1.55;
            case "PI" -> 1.5;
            case "HI" -> 1.1;
            case "WH" -> 0.92;
            case "AS" -> 0.55;
            case "FI" -> 0.72;
            default -> 1.05;
        };
    }

    /** Ability relative to all students by race/ethnicity, about the gaps in California's published CAASPP means. */
    private static double raceGap(String race) {
        return switch (race) {
            case "AS" -> 0.9;
            case "FI" -> 0.6;
            case "WH" -> 0.5;
            case "MR" -> 0.3;
            case "HI" -> -0.3;
            case "AI", "PI" -> -0.5;
            case "AA" -> -0.8;
            default -> 0;
        };
    }

    /** The share of absences left unexcused: higher for high-need groups and in high school. */
    double unexcusedShare(int gradeNumber) {
        double share = 0.30 * (sed ? 1.25 : 1) * (homeless || foster ? 1.3 : 1)
                * ("AA".equals(race) || "AI".equals(race) || "PI".equals(race) ? 1.2 : 1)
                * (gradeNumber >= 9 ? 1.35 : gradeNumber >= 6 ? 1.15 : 1);
        return Math.min(0.8, share);
    }

    private static int pick(SplittableRandom random, double[] shares) {
        double total = 0;
        for (double share : shares) {
            total += share;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < shares.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }
}
