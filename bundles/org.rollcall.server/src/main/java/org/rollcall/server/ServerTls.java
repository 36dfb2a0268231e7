package org.rollcall.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLException;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The server's TLS: a certificate and key in PEM (the administrator's, or a self-signed one the server makes once
 * beside its users file and keeps), and whether a client must use it. Clients verify a self-signed certificate by
 * its SHA-256 fingerprint or by trusting the file itself (libpq and pgjdbc {@code sslrootcert}).
 */
public final class ServerTls {

    /** The self-signed certificate's and key's file names, beside the users file. */
    public static final String CERTIFICATE_NAME = "rollcall-serve.crt";
    public static final String KEY_NAME = "rollcall-serve.key";

    /** How long a made certificate is valid: Apple's limit for TLS server certificates (825 days). */
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final SslContext context;
    private final boolean required;
    private final Path certificate;
    private final String fingerprint;
    private final boolean made;

    private ServerTls(SslContext context, boolean required, Path certificate, String fingerprint, boolean made) {
        this.context = context;
        this.required = required;
        this.certificate = certificate;
        this.fingerprint = fingerprint;
        this.made = made;
    }

    /** TLS with the administrator's certificate (chain) and private key, both PEM. */
    public static ServerTls fromPem(Path certificate, Path key, boolean required) throws IOException {
        return new ServerTls(context(certificate, key), required, certificate, fingerprint(read(certificate)), false);
    }

    /**
     * TLS with the self-signed certificate kept in {@code directory}, made first if there is none (or the one there
     * has expired), for this machine's names and {@code bindAddress}.
     */
    public static ServerTls selfSigned(Path directory, String bindAddress, boolean required) throws IOException {
        Path certificate = directory.resolve(CERTIFICATE_NAME);
        Path key = directory.resolve(KEY_NAME);
        boolean made = false;
        if (!Files.isRegularFile(certificate) || !Files.isRegularFile(key)
                || read(certificate).getNotAfter().toInstant().isBefore(Instant.now())) {
            make(certificate, key, bindAddress);
            made = true;
        }
        return new ServerTls(context(certificate, key), required, certificate, fingerprint(read(certificate)), made);
    }

    SslContext context() {
        return context;
    }

    /** Whether a login without TLS is refused. */
    public boolean required() {
        return required;
    }

    /** The certificate file clients can trust. */
    public Path certificate() {
        return certificate;
    }

    /** The certificate's SHA-256 fingerprint, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Whether the certificate was made just now. */
    public boolean made() {
        return made;
    }

    private static SslContext context(Path certificate, Path key) throws IOException {
        try {
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile()).sslProvider(SslProvider.JDK).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use the TLS certificate " + certificate + " with the key " + key + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509Certificate read(Path certificate) throws IOException {
        try (var in = Files.newInputStream(certificate)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS certificate " + certificate + " is not a PEM X.509 certificate: "
                    + e.getMessage(), e);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot compute the certificate's fingerprint: " + e.getMessage(), e);
        }
    }

    /** Makes an ECDSA P-256 key and a certificate for it, valid for the names a client on this network may use. */
    private static void make(Path certificate, Path key, String bindAddress) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            String host = InetAddress.getLocalHost().getHostName();
            X500Name subject = new X500Name("CN=" + host.replaceAll("[,=+<>#;\"\\\\]", "") + ",O=RollCall serve");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), java.util.Date.from(now.minus(Duration.ofHours(1))),
                    java.util.Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(host, bindAddress)
                    .toArray(GeneralName[]::new)));
            // its own authority, as `openssl req -x509` makes it: libpq accepts it as sslrootcert for verify-full
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()));
            X509Certificate made = new JcaX509CertificateConverter().getCertificate(holder);
            writeAtomically(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            writeAtomically(certificate, pem(made));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make a self-signed TLS certificate: " + e.getMessage(), e);
        }
    }

    private static List<GeneralName> names(String host, String bindAddress) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", host.toLowerCase(Locale.ROOT)));
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        if (bindAddress != null && !bindAddress.isBlank() && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            if (bindAddress.matches("[0-9.]+|.*:.*")) {
                addresses.add(bindAddress);
            } else {
                dns.add(bindAddress.toLowerCase(Locale.ROOT));
            }
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        addresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
        return names;
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof JcaPKCS8Generator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    /** Writes {@code text} to a new owner-only file beside {@code file}, then moves it into place. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".rollcall-tls", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.US_ASCII)) {
            writer.write(text);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
