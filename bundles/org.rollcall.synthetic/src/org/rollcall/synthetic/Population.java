package org.rollcall.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rollcall.model.Grade;

/**
 * Who is in the district in which year: the first year's students across TK-12, promotion each summer,
 * graduation after grade 12, families moving away (about 6% each summer, 3% during a year), new TK and
 * kindergarten cohorts and new arrivals keeping enrollment near its size, and a few students enrolled only
 * short-term. Planned once, in order, from the seed.
 */
final class Population {

    static final double LEAVES_DURING_YEAR = 0.03;
    static final double MOVES_AWAY_IN_SUMMER = 0.06;
    static final double SHORT_TERM_SHARE = 0.003;

    /** One student's years in the district. */
    record Stay(int studentId, int firstYear, Grade firstGrade, int lastYear, boolean arrivesMidYear,
            boolean leavesMidYear, boolean shortTerm) {

        Grade grade(int year) {
            return Grade.ofNumber(firstGrade.number() + year - firstYear);
        }
    }

    private final List<Stay> stays = new ArrayList<>();

    Population(GeneratorSettings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5EEDL);
        int target = settings.students();
        int nextId = 1;
        List<Draft> active = new ArrayList<>();
        for (int i = 0; i < target; i++) {
            active.add(new Draft(nextId++, 0, randomGrade(random), random.nextDouble() < 0.03));
        }
        for (int year = 0; year < settings.years(); year++) {
            List<Draft> staying = new ArrayList<>();
            for (Draft draft : active) {
                Grade grade = Grade.ofNumber(draft.firstGrade.number() + year - draft.firstYear);
                if (random.nextDouble() < LEAVES_DURING_YEAR) {
                    stays.add(draft.close(year, true));
                } else if (year == settings.years() - 1) {
                    stays.add(draft.close(year, false));
                } else if (grade == Grade.G12 || random.nextDouble() < MOVES_AWAY_IN_SUMMER) {
                    stays.add(draft.close(year, false));
                } else {
                    staying.add(draft);
                }
            }
            int shortTerm = (int) Math.round(target * SHORT_TERM_SHARE);
            for (int i = 0; i < shortTerm; i++) {
                stays.add(new Stay(nextId++, year, randomGrade(random), year, true, true, true));
            }
            if (year == settings.years() - 1) {
                break;
            }
            int next = year + 1;
            // the new TK and kindergarten cohorts, then arrivals in any grade, refill the district
            int cohort = (int) Math.round(target / 13.5);
            for (int i = 0; i < cohort / 2; i++) {
                staying.add(new Draft(nextId++, next, Grade.TK, random.nextDouble() < 0.05));
            }
            for (int i = 0; i < cohort / 3; i++) {
                staying.add(new Draft(nextId++, next, Grade.KN, random.nextDouble() < 0.05));
            }
            while (staying.size() < target) {
                staying.add(new Draft(nextId++, next, Grade.ofNumber(1 + random.nextInt(12)),
                        random.nextDouble() < 0.15));
            }
            active = staying;
        }
        stays.sort(java.util.Comparator.comparingInt(Stay::studentId));
    }

    /** TK is half a cohort (it serves part of an age group); every other grade a full one. */
    private static Grade randomGrade(SplittableRandom random) {
        double pick = random.nextDouble() * 13.5;
        return pick < 0.5 ? Grade.TK : Grade.ofNumber((int) Math.min(12, pick - 0.5));
    }

    List<Stay> stays() {
        return stays;
    }

    /** A student still in the district, not yet closed. */
    private record Draft(int id, int firstYear, Grade firstGrade, boolean arrivesMidYear) {
        Stay close(int lastYear, boolean leavesMidYear) {
            return new Stay(id, firstYear, firstGrade, lastYear, arrivesMidYear, leavesMidYear, false);
        }
    }
}
