package org.rollcall.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: verifiers made from a password, and the server side of
 * one exchange. Only the verifier (salt, iteration count, StoredKey, ServerKey) is ever kept, never the password.
 */
public final class Scram {

    /** The mechanism name PostgreSQL announces in AuthenticationSASL. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** PostgreSQL's own default iteration count (scram_iterations). */
    public static final int DEFAULT_ITERATIONS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {
    }

    /** What the server stores for a user: enough to check a proof, not enough to log in. */
    public record Verifier(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    }

    /** A new verifier with a random 16-byte salt (as PostgreSQL makes them). */
    public static Verifier verifier(char[] password, int iterations) {
        if (iterations < DEFAULT_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM needs at least " + DEFAULT_ITERATIONS + " iterations");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return verifier(password, salt, iterations);
    }

    /** The verifier of {@code password} with a given salt (RFC 5802 section 3). */
    static Verifier verifier(char[] password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new Verifier(salt, iterations, sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** A verifier nobody can satisfy, so an unknown user goes through the same exchange as a wrong password. */
    static Verifier impossible() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new Verifier(salt, DEFAULT_ITERATIONS, key, key);
    }

    /** Hi(password, salt, i) of RFC 5802 is PBKDF2 with HMAC-SHA-256 and a 32-byte key. */
    static byte[] saltedPassword(char[] password, byte[] salt, int iterations) {
        // SASLprep (RFC 4013) maps to NFKC; PostgreSQL uses the raw bytes when a password is not valid UTF-8 text.
        String normalized = Normalizer.normalize(new String(password), Normalizer.Form.NFKC);
        try {
            PBEKeySpec spec = new PBEKeySpec(normalized.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** The server side of one SCRAM-SHA-256 exchange, without channel binding (TLS comes in a later slice). */
    static final class Exchange {
        private final Verifier verifier;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private String gs2Header;

        private final String serverNonce;

        Exchange(Verifier verifier) {
            this(verifier, randomNonce());
        }

        /** An exchange whose server nonce is given (the RFC's test vectors fix it). */
        Exchange(Verifier verifier, String serverNonce) {
            this.verifier = verifier;
            this.serverNonce = serverNonce;
        }

        private static String randomNonce() {
            byte[] random = new byte[18];
            RANDOM.nextBytes(random);
            return Base64.getEncoder().encodeToString(random);
        }

        /** Reads client-first-message, returns server-first-message. */
        String serverFirst(String clientFirst) throws ScramException {
            int bare;
            if (clientFirst.startsWith("n,") || clientFirst.startsWith("y,")) {
                bare = clientFirst.indexOf(',', 2);
            } else if (clientFirst.startsWith("p=")) {
                throw new ScramException("channel binding is not supported without TLS");
            } else {
                throw new ScramException("malformed SCRAM client-first-message");
            }
            if (bare < 0) {
                throw new ScramException("malformed SCRAM client-first-message");
            }
            gs2Header = clientFirst.substring(0, bare + 1);
            clientFirstBare = clientFirst.substring(bare + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            if (clientNonce == null || clientNonce.isEmpty()) {
                throw new ScramException("SCRAM client-first-message has no nonce");
            }
            nonce = clientNonce + serverNonce;
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
                    + verifier.iterations();
            return serverFirst;
        }

        /** Reads client-final-message; returns server-final-message if the proof is right, else throws. */
        String serverFinal(String clientFinal) throws ScramException {
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (proofAt < 0) {
                throw new ScramException("SCRAM client-final-message has no proof");
            }
            String withoutProof = clientFinal.substring(0, proofAt);
            String binding = attribute(withoutProof, 'c');
            String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
            if (!expectedBinding.equals(binding)) {
                throw new ScramException("SCRAM channel binding does not match");
            }
            if (!nonce.equals(attribute(withoutProof, 'r'))) {
                throw new ScramException("SCRAM nonce does not match");
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                throw new ScramException("malformed SCRAM proof");
            }
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
                    .getBytes(StandardCharsets.UTF_8);
            byte[] clientSignature = hmac(verifier.storedKey(), authMessage);
            if (proof.length != clientSignature.length) {
                throw new PasswordMismatch();
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
                throw new PasswordMismatch();
            }
            return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
        }

        private static String attribute(String message, char name) {
            for (String part : message.split(",")) {
                if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                    return part.substring(2);
                }
            }
            return null;
        }
    }

    /** A SCRAM message that breaks the protocol. */
    static class ScramException extends Exception {
        ScramException(String message) {
            super(message);
        }
    }

    /** The client's proof does not match: a wrong password (or an unknown user). */
    static final class PasswordMismatch extends ScramException {
        PasswordMismatch() {
            super("password authentication failed");
        }
    }
}
