package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.rollcall.sources.Entity;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.RecordSink;
import org.rollcall.sources.SourceAdapter;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceInput;

/**
 * Adapters are found inside OSGi: the built-in ones, and one that another bundle (a COE consultant's plugin)
 * registers as a service; the framework then does its validation and quarantine for it.
 */
class AdapterDiscoveryTest {

    @TempDir
    Path dir;

    /** A plugin's adapter: districts from a "code=name" file; it only splits lines. */
    static final class KeyValueDistricts implements SourceAdapter {
        @Override
        public String name() {
            return "key-value-districts";
        }

        @Override
        public String description() {
            return "District codes and names as code=name lines";
        }

        @Override
        public void read(SourceInput input, RecordSink sink) throws java.io.IOException {
            List<String> lines = java.nio.file.Files.readAllLines(input.file());
            sink.fields(Entity.DISTRICTS, List.of("district_code", "district_name", "county_code", "county_name"));
            for (int i = 0; i < lines.size(); i++) {
                String[] parts = lines.get(i).split("=", 2);
                if (parts.length < 2) {
                    sink.unreadable(Entity.DISTRICTS, i + 1, "no '=' in the line", lines.get(i));
                } else {
                    sink.record(Entity.DISTRICTS, i + 1, new String[] {parts[0], parts[1], parts[0].substring(0,
                        Math.min(2, parts[0].length())), "County " + parts[0].substring(0, Math.min(2, parts[0].length()))});
                }
            }
        }
    }

    @Test
    void theBuiltInAdaptersAreThere() {
        List<String> names = SourceAdapters.available().stream().map(SourceAdapter::name).toList();
        assertTrue(names.containsAll(List.of("delimited", "fixed-width")), names.toString());
    }

    @Test
    void anAdapterRegisteredAsAServiceIsFoundAndItsRowsAreValidated() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AdapterDiscoveryTest.class).getBundleContext();
        ServiceRegistration<SourceAdapter> registration = context.registerService(SourceAdapter.class,
                new KeyValueDistricts(), null);
        try {
            SourceAdapter adapter = SourceAdapters.named("key-value-districts");
            Path workspace = MiniDistrict.create(dir);
            Path file = MiniDistrict.write(dir, "districts.txt", "1964212=Valley Unified\nbroken line\n=No Code\n");
            FileResult result = new Importer(workspace, ImportProgress.NONE).importFile(adapter,
                    new SourceInput(file, null), false);
            assertEquals(FileResult.Status.LOADED, result.status(), result.message());
            assertEquals(3, result.read());
            assertEquals(1, result.loaded());
            assertEquals(2, result.quarantined(), "the unreadable line and the one without a code");
            assertEquals("Valley Unified", MiniDistrict.dump(workspace,
                    "SELECT district_name FROM districts WHERE district_code = '1964212'").strip());
        } finally {
            registration.unregister();
        }
        assertTrue(SourceAdapters.find("key-value-districts").isEmpty(), "gone with its service");
    }
}
