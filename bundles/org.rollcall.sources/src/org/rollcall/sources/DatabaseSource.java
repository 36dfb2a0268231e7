package org.rollcall.sources;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rollcall.store.JdbcUrlPolicy;

/**
 * A database an import reads with queries: its JDBC URL and the account to read it as. The password is kept
 * for connecting only: {@link #redactedUrl()} (what the import log, the quarantine and messages show) drops
 * any password the URL carries, {@link #scrub} removes it from a driver's message, and {@link #toString()}
 * never shows it.
 * <p>
 * URLs carrying driver properties that load a class or write a file named in the URL are refused
 * ({@link JdbcUrlPolicy}).
 */
public record DatabaseSource(String url, String user, String password) {

    /** A password in the URL's properties ({@code ?password=...}, {@code ;password=...}). */
    private static final Pattern PASSWORD_PROPERTY = Pattern.compile("([?&;]password=)([^&;]*)",
            Pattern.CASE_INSENSITIVE);
    /** A password in the URL's authority ({@code //user:secret@host}). */
    private static final Pattern PASSWORD_AUTHORITY = Pattern.compile("(//[^/:@?;]*):([^/@?;]*)@");

    public DatabaseSource {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new SourceException("'" + redact(url) + "' is not a JDBC URL; write it as "
                    + "jdbc:postgresql://host:5432/database");
        }
        List<String> refused;
        try {
            refused = JdbcUrlPolicy.refusedProperties(url);
        } catch (IllegalArgumentException e) {
            throw new SourceException("The database URL " + redact(url) + " has a " + e.getMessage());
        }
        if (!refused.isEmpty()) {
            throw new SourceException("The database URL " + redact(url) + " sets " + String.join(", ", refused)
                    + ", which make" + (refused.size() == 1 ? "s" : "") + " the driver load a class or write a file "
                    + "named in the URL; RollCall does not connect with such URLs. Remove "
                    + (refused.size() == 1 ? "it" : "them") + " (TLS works with sslmode=verify-full and sslrootcert)");
        }
        user = user == null || user.isEmpty() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
    }

    /** The URL as the log, the quarantine and messages show it: any password in it replaced by {@code ***}. */
    public String redactedUrl() {
        return redact(url);
    }

    private static String redact(String url) {
        if (url == null) {
            return "";
        }
        String withoutProperty = PASSWORD_PROPERTY.matcher(url).replaceAll("$1***");
        return PASSWORD_AUTHORITY.matcher(withoutProperty).replaceAll("$1:***@");
    }

    /** A message (a driver's, say) with every password this source knows replaced by {@code ***}. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String clean = message.replace(url, redactedUrl());
        for (String secret : secrets()) {
            clean = clean.replace(secret, "***");
        }
        return clean;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
        }
        for (Pattern pattern : List.of(PASSWORD_PROPERTY, PASSWORD_AUTHORITY)) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                if (!m.group(2).isEmpty()) {
                    secrets.add(m.group(2));
                    try {
                        secrets.add(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException notEncoded) {
                        // the raw text is scrubbed already
                    }
                }
            }
        }
        return secrets;
    }

    @Override
    public String toString() {
        return redactedUrl() + (user == null ? "" : " as " + user);
    }
}
