package org.rollcall.sources.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollcall.sources.DatabaseSource;
import org.rollcall.sources.FileResult;
import org.rollcall.sources.ImportProgress;
import org.rollcall.sources.Importer;
import org.rollcall.sources.Mapping;
import org.rollcall.sources.SourceAdapters;
import org.rollcall.sources.SourceException;
import org.rollcall.sources.SourceInput;

/**
 * A database as an import source, without a database: what its URL may carry, where its password may not go,
 * and what the import does when there is no driver for it (inside OSGi there is none: the drivers ship with the
 * command line).
 */
class DatabaseSourceTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAreRedactedWhereverTheUrlCarriesThem() {
        DatabaseSource query = new DatabaseSource("jdbc:postgresql://ods/EdFi?user=rc&password=s%26cret&ssl=true",
                "rc", null);
        assertEquals("jdbc:postgresql://ods/EdFi?user=rc&password=***&ssl=true", query.redactedUrl());
        DatabaseSource authority = new DatabaseSource("jdbc:mysql://rc:s3cret@ods:3306/sis", null, "other-secret");
        assertEquals("jdbc:mysql://rc:***@ods:3306/sis", authority.redactedUrl());
        DatabaseSource semicolons = new DatabaseSource("jdbc:sqlserver://ods;user=rc;Password=s3cret;db=x", null, null);
        assertEquals("jdbc:sqlserver://ods;user=rc;Password=***;db=x", semicolons.redactedUrl());
        // a driver's message that repeats the URL, the password or its decoded form loses them
        assertEquals("login to jdbc:postgresql://ods/EdFi?user=rc&password=***&ssl=true failed for *** (***)",
                query.scrub("login to jdbc:postgresql://ods/EdFi?user=rc&password=s%26cret&ssl=true failed for "
                        + "s%26cret (s&cret)"));
        assertEquals("no *** for rc", authority.scrub("no other-secret for rc"));
        assertFalse(authority.toString().contains("secret"), authority.toString());
        assertEquals("jdbc:mysql://rc:***@ods:3306/sis", authority.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"?socketFactory=x.Y", "?user=a&sslfactory=x.Y", "?SslHostnameVerifier=x.Y",
        "?sslpasswordcallback=x.Y", "?authenticationPluginClassName=x.Y", "?loggerFile=/tmp/x", "?loggerLevel=TRACE",
        "?socketFactoryArg=/etc/passwd", "?sslfactoryarg=x", "?ssl%66actory=x.Y", ";socketFactory=x.Y"})
    void urlsWhosePropertiesLoadClassesOrWriteFilesAreRefused(String properties) {
        SourceException e = assertThrows(SourceException.class,
                () -> new DatabaseSource("jdbc:postgresql://ods/EdFi" + properties + "&password=hunter2", null, null));
        assertTrue(e.getMessage().contains("the driver load a class or write a file named in the URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void ordinaryPropertiesAndNonJdbcUrls() {
        new DatabaseSource("jdbc:postgresql://ods:5432/EdFi?sslmode=verify-full&sslrootcert=/etc/ca.pem&"
                + "ApplicationName=rollcall", "rc", "pw");
        SourceException e = assertThrows(SourceException.class,
                () -> new DatabaseSource("postgresql://ods/EdFi", null, null));
        assertTrue(e.getMessage().contains("is not a JDBC URL"), e.getMessage());
    }

    @Test
    void withoutADriverTheImportFailsClearlyAndLogsNothing() throws Exception {
        Path workspace = MiniDistrict.create(dir);
        String before = MiniDistrict.state(workspace);
        Mapping mapping = Mapping.parse("q.yaml", """
                entity: districts
                format: jdbc
                query: SELECT 1
                fields: {district_code: 1, district_name: 1, county_code: 1, county_name: 1}
                """);
        SourceInput input = SourceInput.query(new DatabaseSource("jdbc:nosuchdb://host/db?password=hunter2", null,
                null), mapping, null);
        FileResult result = new Importer(workspace, ImportProgress.NONE).importFile(SourceAdapters.named("jdbc"),
                input, false);
        assertEquals(FileResult.Status.FAILED, result.status());
        assertEquals("jdbc:nosuchdb://host/db?password=*** query q.yaml", result.source());
        assertTrue(result.message().startsWith("No JDBC driver here reads jdbc:nosuchdb://host/db?password=***"),
                result.message());
        assertTrue(result.message().endsWith("; the workspace is unchanged"), result.message());
        assertEquals(before, MiniDistrict.state(workspace));
    }
}
