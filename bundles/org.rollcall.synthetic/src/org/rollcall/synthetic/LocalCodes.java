package org.rollcall.synthetic;

import java.util.List;
import java.util.SplittableRandom;

import org.rollcall.model.AttendanceCategory;

/**
 * The synthetic SIS's own attendance codes, as a district's code table lists them, with the canonical
 * category and EC 48205 reason of each. Codes are picked within a category at realistic frequencies.
 */
final class LocalCodes {

    /** One local code. */
    record Code(String code, String description, AttendanceCategory category, String excusedReason, double weight) {
    }

    static final List<Code> TABLE = List.of(
            new Code("P", "Present", AttendanceCategory.PRESENT, null, 1),
            new Code("T", "Tardy more than 30 minutes", AttendanceCategory.TARDY, null, 1),
            new Code("E", "Excused: illness", AttendanceCategory.EXCUSED, "illness", 0.70),
            new Code("M", "Excused: medical, dental or optometric appointment", AttendanceCategory.EXCUSED,
                    "medical, dental, optometric or chiropractic services", 0.18),
            new Code("B", "Excused: bereavement", AttendanceCategory.EXCUSED, "funeral services", 0.04),
            new Code("J", "Excused: justifiable personal reason", AttendanceCategory.EXCUSED,
                    "justifiable personal reasons approved by the principal", 0.08),
            new Code("U", "Unexcused", AttendanceCategory.UNEXCUSED, null, 0.8),
            new Code("X", "Unverified absence, no parent contact", AttendanceCategory.UNEXCUSED, null, 0.2),
            new Code("S", "Out-of-school suspension", AttendanceCategory.SUSPENSION_OUT, null, 1),
            new Code("N", "In-school suspension", AttendanceCategory.SUSPENSION_IN, null, 1),
            new Code("I", "Independent study, work completed", AttendanceCategory.INDEPENDENT_STUDY, null, 1),
            new Code("K", "Independent study, work not completed", AttendanceCategory.INDEPENDENT_STUDY_NON_ADA,
                    null, 1));

    private LocalCodes() {
    }

    static Code pick(AttendanceCategory category, SplittableRandom random) {
        double r = random.nextDouble();
        Code last = null;
        for (Code code : TABLE) {
            if (code.category() == category) {
                last = code;
                r -= code.weight();
                if (r < 0) {
                    return code;
                }
            }
        }
        return last;
    }
}
