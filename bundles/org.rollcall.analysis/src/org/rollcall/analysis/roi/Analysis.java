package org.rollcall.analysis.roi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Intervention ROI for one intervention in one school year: design, comparison group, balance, estimate, money. */
final class Analysis {

    private static final String[] SPANS = {"K-3", "4-6", "7-8", "9-12"};

    record Month(String month, LocalDate monthStart, int participantDays, Double participantRate,
            double comparisonDays, Double comparisonRate) {
    }

    final RoiData data;
    final RoiData.Intervention intervention;
    final String year;
    final YearCalendar calendar;

    String design;
    int participants;
    int unmatched;
    int notEnrolled;
    int relaxed;
    int comparisonStudents;
    List<Balance.Row> balance = List.of();
    Estimate.Figures point;
    Estimate.Interval relative;
    Estimate.Interval days;
    Estimate.Interval chronic;
    Estimate.Interval dollars;
    Estimate.Interval net;
    boolean bySchool;
    int schools;
    String ratesYear;
    String ratesNote;
    LocalDate medianStart;
    List<Month> months = new ArrayList<>();
    /** The combinations of other interventions students had begun, numbered for exact matching. */
    private final Map<String, Integer> signatures = new HashMap<>();

    Analysis(RoiData data, RoiData.Intervention intervention, String year) {
        this.data = data;
        this.intervention = intervention;
        this.year = year;
        this.calendar = data.calendars.get(year);
    }

    private long seed() {
        return 0x524F49L * 1_000_003L + intervention.id() * 7919L + year.hashCode();
    }

    void run() {
        Map<Integer, Double> rates = lcffRates();
        List<RoiData.Assignment> treatedRows = data.participants.stream()
                .filter(a -> a.interventionId() == intervention.id() && a.schoolYear().equals(year)).toList();
        List<RoiData.Assignment> controlRows = data.controls.stream()
                .filter(a -> a.interventionId() == intervention.id() && a.schoolYear().equals(year)).toList();
        design = controlRows.isEmpty() ? "matched" : "randomized";
        if (calendar == null || calendar.size() == 0 || !data.attendance.containsKey(year)) {
            // a year without instructional days on record: nothing to compare
            notEnrolled = treatedRows.size();
            return;
        }
        Set<Integer> treatedIds = new HashSet<>();
        treatedRows.forEach(a -> treatedIds.add(a.studentId()));
        List<Profile> treated = new ArrayList<>();
        for (RoiData.Assignment a : treatedRows) {
            Profile p = profile(a.studentId(), calendar.onOrAfter(a.startDate()));
            if (p == null) {
                notEnrolled++;
            } else {
                treated.add(p);
            }
        }
        List<Estimate.Unit> units = new ArrayList<>();
        List<Balance.Weighted> pool = new ArrayList<>();
        List<Balance.Weighted> matched = new ArrayList<>();
        List<Profile> analysed = new ArrayList<>();
        Map<Integer, Double> comparisonWeights = new HashMap<>();
        Map<Long, Profile> comparisonProfiles = new TreeMap<>();
        Map<Long, Double> comparisonUse = new HashMap<>();
        if (!controlRows.isEmpty()) {
            design = "randomized";
            for (RoiData.Assignment a : controlRows) {
                if (treatedIds.contains(a.studentId())) {
                    continue;
                }
                Profile p = profile(a.studentId(), calendar.onOrAfter(a.startDate()));
                if (p != null) {
                    pool.add(new Balance.Weighted(p, 1));
                    comparisonWeights.merge(p.student, 1.0, Double::sum);
                    units.add(new Estimate.Unit(p.school, p.school * 2 + 1, new double[Estimate.SIZE],
                            Estimate.sums(p, 1, 0)));
                }
            }
            matched.addAll(pool);
            for (Profile t : treated) {
                analysed.add(t);
                units.add(new Estimate.Unit(t.school, t.school * 2, Estimate.sums(t, 1, rate(rates, t)),
                        new double[Estimate.SIZE]));
            }
        } else {
            design = "matched";
            Map<Integer, List<Profile>> byStart = new TreeMap<>();
            treated.forEach(t -> byStart.computeIfAbsent(t.start, k -> new ArrayList<>()).add(t));
            for (Map.Entry<Integer, List<Profile>> entry : byStart.entrySet()) {
                List<Profile> candidates = candidates(entry.getKey(), treatedIds);
                candidates.forEach(c -> pool.add(new Balance.Weighted(c, 1)));
                Matcher matcher = new Matcher(candidates, entry.getValue(), seed());
                for (Profile t : entry.getValue()) {
                    Matcher.Result result = matcher.match(t);
                    if (result.matches().isEmpty()) {
                        unmatched++;
                        continue;
                    }
                    if (result.relaxation() > 0) {
                        relaxed++;
                    }
                    analysed.add(t);
                    double w = 1.0 / result.matches().size();
                    for (Matcher.Match m : result.matches()) {
                        matched.add(new Balance.Weighted(m.student(), w));
                        comparisonWeights.merge(m.student().student, w, Double::sum);
                        long key = ((long) m.student().student << 20) | m.student().start;
                        comparisonProfiles.putIfAbsent(key, m.student());
                        comparisonUse.merge(key, w, Double::sum);
                    }
                    units.add(new Estimate.Unit(t.school, t.school * 2, Estimate.sums(t, 1, rate(rates, t)),
                            new double[Estimate.SIZE]));
                }
            }
            // a comparison student matched to several participants is one student: resampled once, with its
            // whole weight (resampling it with each participant would count it as independent several times)
            for (Map.Entry<Long, Profile> entry : comparisonProfiles.entrySet()) {
                Profile c = entry.getValue();
                units.add(new Estimate.Unit(c.school, c.school * 2 + 1, new double[Estimate.SIZE],
                        Estimate.sums(c, comparisonUse.get(entry.getKey()), 0)));
            }
        }
        participants = analysed.size();
        comparisonStudents = comparisonWeights.size();
        balance = Balance.table(analysed, pool, matched);
        if (participants == 0 || comparisonStudents == 0) {
            return;
        }
        medianStart = analysed.stream().map(p -> p.startDate).sorted().toList().get(analysed.size() / 2);
        double[] t = Estimate.total(units, true);
        double[] c = Estimate.total(units, false);
        if (t[Estimate.PRE_DAYS] == 0 || c[Estimate.PRE_DAYS] == 0 || t[Estimate.POST_DAYS] == 0
                || c[Estimate.POST_DAYS] == 0) {
            return;
        }
        point = Estimate.figures(t, c, intervention.costPerStudent());
        Set<Integer> schoolSet = new HashSet<>();
        analysed.forEach(p -> schoolSet.add(p.school));
        schools = schoolSet.size();
        bySchool = schools >= Estimate.MINIMUM_CLUSTERS;
        List<Estimate.Figures> replicates = Estimate.bootstrap(units, intervention.costPerStudent(), seed(), bySchool);
        relative = Estimate.percentile(replicates, Estimate.Figures::relative);
        days = Estimate.percentile(replicates, Estimate.Figures::daysPerParticipant);
        chronic = Estimate.percentile(replicates, Estimate.Figures::chronicChange);
        dollars = Estimate.percentile(replicates, Estimate.Figures::dollars);
        net = Estimate.percentile(replicates, Estimate.Figures::net);
        monthly(analysed, design.equals("randomized") ? pool : matched);
    }

    Double baselineBalance() {
        Double worst = null;
        for (Balance.Row row : balance) {
            if (row.diffAfter() != null && (worst == null || Math.abs(row.diffAfter()) > worst)) {
                worst = Math.abs(row.diffAfter());
            }
        }
        return worst;
    }

    /** Students enrolled on the start day with 20+ days before it, not in this intervention this year. */
    private List<Profile> candidates(int start, Set<Integer> treatedIds) {
        List<Profile> list = new ArrayList<>();
        for (Integer student : new TreeMap<>(data.attendance.get(year)).keySet()) {
            if (!treatedIds.contains(student)) {
                Profile p = profile(student, start);
                if (p != null) {
                    list.add(p);
                }
            }
        }
        return list;
    }

    /** The student as of instructional day {@code start}, or null when not enrolled then with 20+ days before. */
    private Profile profile(int student, int start) {
        if (start < 0) {
            return null;
        }
        RoiData.StudentYear sy = data.attendance.get(year).get(student);
        int[] probes = data.probes.get(year);
        int k = java.util.Arrays.binarySearch(probes, start);
        if (sy == null || k < 0 || sy.probeSchool[k] < 0 || sy.enrolled(0, start) < Profile.MINIMUM_DAYS_BEFORE) {
            return null;
        }
        LocalDate day = calendar.days.get(start);
        int school = sy.probeSchool[k];
        String levelName = data.schoolLevels.get(school);
        int level = switch (levelName) {
            case "ELEMENTARY" -> 0;
            case "MIDDLE" -> 1;
            case "HIGH" -> 2;
            default -> 3;
        };
        java.util.TreeSet<Integer> begun = new java.util.TreeSet<>();
        for (RoiData.Assignment a : data.byStudent.getOrDefault(year, Map.of()).getOrDefault(student, List.of())) {
            if (a.interventionId() != intervention.id() && !a.startDate().isAfter(day)) {
                begun.add(a.interventionId());
            }
        }
        int other = begun.isEmpty() ? 0 : signatures.computeIfAbsent(begun.toString(), key -> signatures.size() + 1) % 64;
        return new Profile(student, start, day, school, level, data.grade(year, student, school, day),
                data.inProgram(student, "EL", day), data.inProgram(student, "SED", day),
                data.inProgram(student, "SWD", day), data.inProgram(student, "FOS", day),
                data.inProgram(student, "HOM", day), other, data.priorRates.get(year).get(student), sy,
                calendar.size(), calendar.p2Days);
    }

    /** Base grant + grade-span adjustment per span for this fiscal year, or the nearest year on record. */
    private Map<Integer, Double> lcffRates() {
        Map<Integer, Double> rates = new HashMap<>();
        if (data.lcff.isEmpty()) {
            ratesNote = "lcff_rates is empty: no dollars.";
            return rates;
        }
        String chosen = data.lcff.containsKey(year) ? year : null;
        if (chosen == null) {
            int target = Integer.parseInt(year.substring(0, 4));
            int best = Integer.MAX_VALUE;
            for (String fy : data.lcff.keySet()) {
                try {
                    int d = Math.abs(Integer.parseInt(fy.substring(0, 4)) - target);
                    if (d < best) {
                        best = d;
                        chosen = fy;
                    }
                } catch (RuntimeException e) {
                    // a fiscal year not named like 2024-25 is not a candidate
                }
            }
        }
        if (chosen == null) {
            ratesNote = "lcff_rates has no year like " + year + ": no dollars.";
            return rates;
        }
        ratesYear = chosen;
        ratesNote = chosen.equals(year) ? "LCFF rates of " + year + " from lcff_rates, source: " + data.lcffSources.get(year)
                + "."
                : "lcff_rates has no " + year + " rates; those of " + chosen + " were used (add " + year
                        + " to lcff_rates).";
        Map<String, Double> bySpan = data.lcff.get(chosen);
        for (int i = 0; i < SPANS.length; i++) {
            if (bySpan.containsKey(SPANS[i])) {
                rates.put(i, bySpan.get(SPANS[i]));
            }
        }
        return rates;
    }

    private static double rate(Map<Integer, Double> rates, Profile p) {
        return rates.getOrDefault(p.span, 0.0);
    }

    private void monthly(List<Profile> analysed, List<Balance.Weighted> comparison) {
        List<Integer> starts = calendar.monthStarts();
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (int m = 0; m + 1 < starts.size(); m++) {
            sums.put(m, new double[4]);
        }
        for (Profile p : analysed) {
            for (int m = 0; m + 1 < starts.size(); m++) {
                double[] s = sums.get(m);
                s[0] += p.days.enrolled(starts.get(m), starts.get(m + 1));
                s[1] += p.days.absent(starts.get(m), starts.get(m + 1));
            }
        }
        for (Balance.Weighted w : comparison) {
            for (int m = 0; m + 1 < starts.size(); m++) {
                double[] s = sums.get(m);
                s[2] += w.weight() * w.student().days.enrolled(starts.get(m), starts.get(m + 1));
                s[3] += w.weight() * w.student().days.absent(starts.get(m), starts.get(m + 1));
            }
        }
        for (int m = 0; m + 1 < starts.size(); m++) {
            double[] s = sums.get(m);
            LocalDate first = calendar.days.get(starts.get(m)).withDayOfMonth(1);
            months.add(new Month(first.toString().substring(0, 7), first, (int) s[0], s[0] > 0 ? s[1] / s[0] : null,
                    s[2], s[2] > 0 ? s[3] / s[2] : null));
        }
    }
}
