package org.rollcall.store.spi;

/** What a {@link Derivation} tells the one waiting for it. */
@FunctionalInterface
public interface DerivationProgress {

    DerivationProgress NONE = (step, done, total) -> {
    };

    /**
     * @param step what is being done now, in words for a user ("matching comparison students")
     * @param done units done so far
     * @param total units in all, or -1 when not known
     */
    void report(String step, long done, long total);
}
