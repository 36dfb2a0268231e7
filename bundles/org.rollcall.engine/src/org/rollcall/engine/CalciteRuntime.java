package org.rollcall.engine;

import org.codehaus.commons.compiler.CompilerFactoryFactory;

/** Makes Calcite's code generation work in every class-loading world RollCall runs in. */
final class CalciteRuntime {

    private static volatile boolean primed;

    private CalciteRuntime() {
    }

    /**
     * Inside OSGi, Janino looks for its compiler through Calcite's bundle class loader and fails; asking
     * once with Janino's own loader caches the default compiler factory for every later query.
     */
    static void prime() {
        if (primed) {
            return;
        }
        synchronized (CalciteRuntime.class) {
            if (!primed) {
                try {
                    CompilerFactoryFactory.getDefaultCompilerFactory(
                            org.codehaus.janino.CompilerFactory.class.getClassLoader());
                } catch (Exception e) {
                    throw new IllegalStateException("Janino's compiler cannot be loaded: " + e.getMessage(), e);
                }
                primed = true;
            }
        }
    }
}
