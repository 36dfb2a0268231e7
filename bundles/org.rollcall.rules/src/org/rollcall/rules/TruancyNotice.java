package org.rollcall.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * The content a truancy notice to parents must carry under EC 48260.5. SB 691 changed it from 2025-07-01
 * (docs/rules.md section 4); a letter picks its version by the notice date.
 */
public enum TruancyNotice {

    /** EC 48260.5 as it read before 2025-07-01. */
    BEFORE_SB_691(List.of(
            "The pupil is truant.",
            "The parent or guardian is obligated to compel the attendance of the pupil at school.",
            "Parents or guardians who fail to meet this obligation may be guilty of an infraction and subject to "
                    + "prosecution.",
            "Alternative educational programs are available in the district.",
            "The parent or guardian has the right to meet with appropriate school personnel to discuss solutions "
                    + "to the pupil's truancy.",
            "The pupil may be subject to prosecution under Section 48264.",
            "The pupil may be subject to suspension, restriction, or delay of the pupil's driving privilege.",
            "It is recommended that the parent or guardian accompany the pupil to school and attend classes with "
                    + "the pupil for one day.")),

    /** EC 48260.5 as amended by SB 691, for notices dated 2025-07-01 or later. */
    SB_691(List.of(
            "The pupil is truant.",
            "The parent or guardian is obligated to compel the attendance of the pupil at school.",
            "Alternative educational programs are available in the district.",
            "The parent or guardian has the right to meet with appropriate school personnel to discuss solutions "
                    + "to the pupil's truancy.",
            "Mental health and supportive services are available to the pupil and family.",
            "School staff are available to meet with the family to plan strategies that support attendance.",
            "Research shows that missing 10 percent of school harms reading, achievement and graduation."));

    /** The first notice date that carries the SB 691 content. */
    public static final LocalDate SB_691_EFFECTIVE = LocalDate.of(2025, 7, 1);

    private final List<String> requiredContent;

    TruancyNotice(List<String> requiredContent) {
        this.requiredContent = requiredContent;
    }

    /** The statements the notice must make, in order. */
    public List<String> requiredContent() {
        return requiredContent;
    }

    public static TruancyNotice forNoticeDate(LocalDate noticeDate) {
        return noticeDate.isBefore(SB_691_EFFECTIVE) ? BEFORE_SB_691 : SB_691;
    }
}
