package org.rollcall.synthetic;

/** Receives progress while a district is generated, for a progress bar or an Eclipse Job. */
@FunctionalInterface
public interface GenerationProgress {

    /** Reports nothing. */
    GenerationProgress NONE = (phase, done, total) -> { };

    void update(String phase, long done, long total);
}
