package org.rollcall.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The server side of SCRAM-SHA-256 against the exchange published in RFC 7677, section 3. */
class ScramTest {

    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    private static Scram.Verifier pencil() {
        return Scram.verifier("pencil".toCharArray(), Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
    }

    @Test
    void theRfcExchangeIsAcceptedWithTheRfcServerSignature() throws Exception {
        Scram.Exchange exchange = new Scram.Exchange(pencil(), SERVER_NONCE);
        assertEquals("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
                exchange.serverFirst(CLIENT_FIRST));
        assertEquals("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", exchange.serverFinal(CLIENT_FINAL));
    }

    @Test
    void anotherPasswordOrAnAlteredProofOrNonceIsRefused() throws Exception {
        Scram.Exchange other = new Scram.Exchange(Scram.verifier("pen".toCharArray(),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096), SERVER_NONCE);
        other.serverFirst(CLIENT_FIRST);
        assertThrows(Scram.PasswordMismatch.class, () -> other.serverFinal(CLIENT_FINAL));

        Scram.Exchange altered = new Scram.Exchange(pencil(), SERVER_NONCE);
        altered.serverFirst(CLIENT_FIRST);
        assertThrows(Scram.PasswordMismatch.class, () -> altered.serverFinal(CLIENT_FINAL.replace("p=dHz", "p=dHy")));

        Scram.Exchange replayed = new Scram.Exchange(pencil(), "another nonce");
        replayed.serverFirst(CLIENT_FIRST);
        assertThrows(Scram.ScramException.class, () -> replayed.serverFinal(CLIENT_FINAL));
    }

    @Test
    void theVerifierKeepsNoPasswordAndNewOnesHaveRandomSalts() {
        Scram.Verifier a = Scram.verifier("pencil".toCharArray(), Scram.DEFAULT_ITERATIONS);
        Scram.Verifier b = Scram.verifier("pencil".toCharArray(), Scram.DEFAULT_ITERATIONS);
        assertEquals(16, a.salt().length);
        assertEquals(false, java.util.Arrays.equals(a.salt(), b.salt()));
        assertThrows(IllegalArgumentException.class, () -> Scram.verifier("pencil".toCharArray(), 1000));
    }
}
