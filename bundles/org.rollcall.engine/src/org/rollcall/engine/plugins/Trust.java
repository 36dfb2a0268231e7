package org.rollcall.engine.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The publishers a county trusts to run code over its student data: X.509 certificates (PEM or DER, `.pem`, `.crt` or
 * `.cer`) in a folder the county manages, by default {@code ~/.rollcall/trust}. A plugin is trusted when the certificate
 * that signed it is on the list, or was issued by one that is.
 */
public final class Trust {

    private final Path source;
    private final List<X509Certificate> certificates;

    private Trust(Path source, List<X509Certificate> certificates) {
        this.source = source;
        this.certificates = List.copyOf(certificates);
    }

    /** The default trust list folder. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".rollcall", "trust");
    }

    /** Reads the certificates of a folder (or one file); a folder that does not exist trusts no one. */
    public static Trust load(Path folderOrFile) throws PluginException {
        List<X509Certificate> found = new ArrayList<>();
        if (Files.isRegularFile(folderOrFile)) {
            read(folderOrFile, found);
        } else if (Files.isDirectory(folderOrFile)) {
            try (Stream<Path> files = Files.list(folderOrFile)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
                        read(file, found);
                    }
                }
            } catch (IOException e) {
                throw new PluginException("Cannot read the trust list " + folderOrFile + ": " + e.getMessage(), e);
            }
        }
        return new Trust(folderOrFile, found);
    }

    private static void read(Path file, List<X509Certificate> into) throws PluginException {
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                into.add((X509Certificate) certificate);
            }
        } catch (IOException | CertificateException e) {
            throw new PluginException("The trust list file " + file + " is not an X.509 certificate: "
                    + e.getMessage(), e);
        }
    }

    /** Whether a plugin signed with this certificate may be installed. */
    boolean trusts(X509Certificate signer) {
        for (X509Certificate trusted : certificates) {
            if (trusted.equals(signer)) {
                return true;
            }
            try {
                if (signer.getIssuerX500Principal().equals(trusted.getSubjectX500Principal())) {
                    signer.verify(trusted.getPublicKey());
                    return true;
                }
            } catch (GeneralSecurityException notIssuedByIt) {
                // another certificate of the same name: not this one
            }
        }
        return false;
    }

    public Path source() {
        return source;
    }

    public int size() {
        return certificates.size();
    }
}
