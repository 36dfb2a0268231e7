package org.rollcall.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry of report templates: the built-ins and those plugins contribute, by id. */
public final class ReportTemplates {

    private ReportTemplates() {
    }

    /** Every template, the built-ins first, then contributed ones in the order ServiceLoader finds them. */
    public static List<ReportTemplate> all() {
        Map<String, ReportTemplate> byId = new LinkedHashMap<>();
        List<ReportTemplateProvider> providers = new ArrayList<>();
        providers.add(new BuiltInTemplates());
        ServiceLoader.load(ReportTemplateProvider.class, ReportTemplates.class.getClassLoader()).forEach(providers::add);
        for (ReportTemplateProvider provider : providers) {
            for (ReportTemplate template : provider.templates()) {
                byId.putIfAbsent(template.id(), template);
            }
        }
        return List.copyOf(byId.values());
    }

    /** The template with this id, or a {@link ReportException} naming the ones there are. */
    public static ReportTemplate named(String id) {
        List<ReportTemplate> all = all();
        return all.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow(() -> new ReportException(
                "no report template '" + id + "' (there are: "
                        + String.join(", ", all.stream().map(ReportTemplate::id).toList()) + "; see rollcall report --list)"));
    }
}
