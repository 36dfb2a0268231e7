package org.rollcall.sources;

/** Receives an import's progress: the phase (e.g. the file being read) and how far it is. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (phase, done, total) -> {
    };

    void update(String phase, long done, long total);
}
