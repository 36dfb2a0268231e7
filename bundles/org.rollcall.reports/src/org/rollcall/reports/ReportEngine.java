package org.rollcall.reports;

import java.util.logging.Level;

import org.eclipse.birt.core.exception.BirtException;
import org.eclipse.birt.core.framework.Platform;
import org.eclipse.birt.report.engine.api.EngineConfig;
import org.eclipse.birt.report.engine.api.IReportEngine;
import org.eclipse.birt.report.engine.api.IReportEngineFactory;

/**
 * The one BIRT report engine of the process, started on first use. The same calls start it inside OSGi (the
 * workbench, where BIRT's bundles are installed) and on a flat classpath (the command line, where BIRT finds its
 * extensions through the jars' plugin.xml), so nothing here touches OSGi.
 */
final class ReportEngine {

    private static IReportEngine engine;

    private ReportEngine() {
    }

    static synchronized IReportEngine get() {
        if (engine == null) {
            EngineConfig config = new EngineConfig();
            config.setFontConfig(ReportFonts.configuration(ReportFonts.defaultCache()));
            // BIRT logs through java.util.logging; errors reach the caller from the task instead
            config.setLogConfig(null, Level.OFF);
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(ReportEngine.class.getClassLoader());
            try {
                Platform.startup(config);
                IReportEngineFactory factory = (IReportEngineFactory) Platform
                        .createFactoryObject(IReportEngineFactory.EXTENSION_REPORT_ENGINE_FACTORY);
                if (factory == null) {
                    throw new ReportException("the BIRT report engine is not installed (no report engine factory)");
                }
                engine = factory.createReportEngine(config);
            } catch (BirtException e) {
                throw new ReportException("the BIRT report engine did not start: " + e.getMessage(), e);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
        return engine;
    }
}
