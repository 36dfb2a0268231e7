package org.rollcall.rules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.rollcall.rules.TruancyNotice;

/** EC 48260.5 notice content switches versions on 2025-07-01 (SB 691, docs/rules.md section 4). */
class TruancyNoticeTest {

    @Test
    void theVersionSwitchesOnJulyFirst2025() {
        assertEquals(TruancyNotice.BEFORE_SB_691, TruancyNotice.forNoticeDate(LocalDate.of(2025, 6, 30)));
        assertEquals(TruancyNotice.SB_691, TruancyNotice.forNoticeDate(LocalDate.of(2025, 7, 1)));
    }

    @Test
    void theNewNoticeDropsProsecutionAndAddsSupports() {
        String before = String.join(" ", TruancyNotice.BEFORE_SB_691.requiredContent());
        String after = String.join(" ", TruancyNotice.SB_691.requiredContent());
        assertTrue(before.contains("prosecution") && before.contains("driving privilege"));
        assertFalse(after.contains("prosecution") || after.contains("driving privilege"));
        assertTrue(after.contains("Mental health") && after.contains("missing 10 percent"));
    }
}
