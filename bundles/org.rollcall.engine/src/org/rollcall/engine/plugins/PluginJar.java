package org.rollcall.engine.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a plugin jar and checks it: every entry intact and signed by one signer (jar signing, as {@code jarsigner}
 * makes it), the descriptor complete, every file it names present.
 */
public final class PluginJar {

    private PluginJar() {
    }

    /**
     * Reads {@code jar}; when {@code trust} is given, the signer must be on it (or {@code allowUnsigned} must let an
     * unsigned jar through).
     */
    public static Plugin read(Path jar, Trust trust, boolean allowUnsigned) throws PluginException {
        String where = jar.getFileName().toString();
        String signer;
        PluginDescriptor descriptor;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            X509Certificate certificate = verify(file, where);
            if (certificate == null) {
                if (trust != null && !allowUnsigned) {
                    throw new PluginException(where + " is not signed. A plugin runs with your full rights over "
                            + "student data: install only plugins signed by a publisher on your trust list "
                            + "(or, knowingly, with --allow-unsigned)");
                }
                signer = null;
            } else {
                signer = certificate.getSubjectX500Principal().getName();
                if (trust != null && !trust.trusts(certificate)) {
                    throw new PluginException(where + " is signed by " + signer + ", who is not on the trust list "
                            + trust.source() + " (" + trust.size() + " certificate(s)); add the publisher's "
                            + "certificate there if the county has decided to trust them");
                }
                try {
                    certificate.checkValidity();
                } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                    throw new PluginException(where + " is signed with a certificate that is not valid today ("
                            + e.getMessage() + ")", e);
                }
            }
            descriptor = descriptor(file, where);
        } catch (IOException e) {
            throw new PluginException(where + " is not a readable jar: " + e.getMessage(), e);
        }
        return new Plugin(descriptor, jar, sha256(jar), signer);
    }

    /** The signer's certificate, or null for a jar with no signature at all; refuses tampered or partly signed jars. */
    private static X509Certificate verify(JarFile file, String where) throws IOException, PluginException {
        X509Certificate signer = null;
        List<String> unsigned = new ArrayList<>();
        byte[] buffer = new byte[8192];
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            try (InputStream in = file.getInputStream(entry)) {
                while (in.read(buffer) >= 0) {
                    // reading to the end checks the entry against its signed digest
                }
            } catch (SecurityException e) {
                throw new PluginException(where + " has been changed since it was signed: " + entry.getName()
                        + " does not match its signature (" + e.getMessage() + ")", e);
            }
            if (isSignatureFile(entry.getName())) {
                continue;
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsigned.add(entry.getName());
                continue;
            }
            X509Certificate certificate = (X509Certificate) signers[0].getSignerCertPath().getCertificates().get(0);
            if (signer == null) {
                signer = certificate;
            } else if (!signer.equals(certificate)) {
                throw new PluginException(where + " is signed by more than one signer (" + entry.getName() + ")");
            }
        }
        if (signer != null && !unsigned.isEmpty()) {
            throw new PluginException(where + " has entries that are not signed, added after signing: "
                    + String.join(", ", unsigned));
        }
        return signer;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/") && (upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }

    private static PluginDescriptor descriptor(JarFile file, String where) throws IOException, PluginException {
        JarEntry entry = file.getJarEntry(PluginDescriptor.FILE);
        if (entry == null) {
            throw new PluginException(where + " has no " + PluginDescriptor.FILE + " at its root: it is not a "
                    + "RollCall plugin");
        }
        JsonNode root;
        try (InputStream in = file.getInputStream(entry)) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new PluginException(where + ": " + PluginDescriptor.FILE + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PluginException(where + ": " + PluginDescriptor.FILE + " is empty");
        }
        List<PluginDescriptor.Metric> metrics = new ArrayList<>();
        for (JsonNode metric : root.path("metrics")) {
            String name = text(metric, "name");
            String sqlFile = text(metric, "sql");
            if (sqlFile == null) {
                throw new PluginException(where + ": metric " + name + " names no sql file");
            }
            JarEntry sql = file.getJarEntry(sqlFile);
            if (sql == null) {
                throw new PluginException(where + ": metric " + name + " names " + sqlFile + ", which is not in the jar");
            }
            try (InputStream in = file.getInputStream(sql)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (text.endsWith(";")) {
                    text = text.substring(0, text.length() - 1);
                }
                metrics.add(new PluginDescriptor.Metric(name, text(metric, "description"), sqlFile, text));
            }
        }
        PluginDescriptor descriptor = new PluginDescriptor(text(root, "id"), text(root, "version"),
                text(root, "publisher"), text(root, "requires"), metrics);
        try {
            descriptor.check();
        } catch (PluginException e) {
            throw new PluginException(where + ": " + e.getMessage(), e);
        }
        return descriptor;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String sha256(Path file) throws PluginException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new PluginException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
