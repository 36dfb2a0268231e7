package org.rollcall.reports;

import java.util.List;

/**
 * Contributes report templates. The built-ins are one; a plugin jar lists its own in
 * {@code META-INF/services/org.rollcall.reports.ReportTemplateProvider} (found with {@link java.util.ServiceLoader}).
 */
public interface ReportTemplateProvider {

    List<ReportTemplate> templates();
}
