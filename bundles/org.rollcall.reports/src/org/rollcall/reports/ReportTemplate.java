package org.rollcall.reports;

import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A report template: a BIRT {@code .rptdesign} resource and what a user needs to run it. A plugin adds one by
 * returning it from a {@link ReportTemplateProvider}.
 *
 * @param id the name users type ({@code rollcall report lcap-goals})
 * @param design the {@code .rptdesign} resource
 * @param localeParameter the parameter whose value (a language tag) sets the report's locale, or null
 * @param companions what the runner writes beside the report (e.g. a mail-merge list)
 */
public record ReportTemplate(String id, String title, String description, URL design, List<ReportParameter> parameters,
        String localeParameter, List<Companion> companions) {

    /** A file written beside the report from one of its data sets, e.g. the CSV mail-merge list of the letters. */
    public record Companion(String dataSet, String suffix, String description) {
    }

    public ReportTemplate {
        Objects.requireNonNull(id);
        Objects.requireNonNull(design, () -> "no design resource for template " + id);
        parameters = List.copyOf(parameters);
        companions = List.copyOf(companions);
    }

    public Optional<ReportParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
