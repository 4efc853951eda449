package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/** HMAC-MD5 against RFC 2202 vectors, keyed MD5, RFC 5944 coverage, verification and key hygiene. */
class AuthenticatorTest {
    @Test
    void hmacMd5MatchesRfc2202TestCase1() {
        byte[] key = new byte[16];
        java.util.Arrays.fill(key, (byte) 0x0b);
        byte[] data = "Hi There".getBytes(StandardCharsets.US_ASCII);
        assertEquals("9294727a3638bb1c13f48ef8158bfc9d",
                Hex.encode(AuthAlgorithms.HMAC_MD5.compute(key, data, 0, data.length)));
    }

    @Test
    void hmacMd5MatchesRfc2202TestCase2() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertEquals("750c783e6ab0b503eaa86e310a5db738",
                Hex.encode(AuthAlgorithms.HMAC_MD5.compute(key, data, 0, data.length)));
    }

    @Test
    void hmacMd5FollowsEveryKeyChangeOnOneThreadEvenInAReusedArray() {
        // the per-thread Mac is reused only for the same key bytes: RFC 2202 cases 1 and 2 alternate, then case 1's
        // key array is overwritten in place with case 2's key length-padded ('Jefe' differs, so a new Mac is made)
        byte[] key1 = new byte[16];
        java.util.Arrays.fill(key1, (byte) 0x0b);
        byte[] hi = "Hi There".getBytes(StandardCharsets.US_ASCII);
        byte[] jefe = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] want = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 3; i++) {
            assertEquals("9294727a3638bb1c13f48ef8158bfc9d",
                    Hex.encode(AuthAlgorithms.HMAC_MD5.compute(key1, hi, 0, hi.length)));
            assertEquals("750c783e6ab0b503eaa86e310a5db738",
                    Hex.encode(AuthAlgorithms.HMAC_MD5.compute(jefe, want, 0, want.length)));
        }
        byte[] reused = key1.clone();
        assertEquals("9294727a3638bb1c13f48ef8158bfc9d",
                Hex.encode(AuthAlgorithms.HMAC_MD5.compute(reused, hi, 0, hi.length)));
        java.util.Arrays.fill(reused, (byte) 0xaa); // RFC 2202 test case 3: key 0xaa × 16, data 0xdd × 50
        byte[] dd = new byte[50];
        java.util.Arrays.fill(dd, (byte) 0xdd);
        assertEquals("56be34521d144c88dbb8c733f0e8b3f6",
                Hex.encode(AuthAlgorithms.HMAC_MD5.compute(reused, dd, 0, dd.length)));
    }

    @Test
    void keyedMd5IsPrefixPlusSuffix() throws Exception {
        byte[] key = "k".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "abc".getBytes(StandardCharsets.US_ASCII);
        // MD5("kabck") computed independently: md5 of the 5 ASCII bytes k a b c k
        byte[] expected = java.security.MessageDigest.getInstance("MD5").digest("kabck".getBytes());
        assertArrayEquals(expected, AuthAlgorithms.KEYED_MD5.compute(key, data, 0, data.length));
    }

    @Test
    void authenticatorCoversMessageUpToAndIncludingSpi() {
        byte[] rrq = MipVectors.get("rrq_multipath_mnha");
        int authExt = 24 + 8; // after the fixed part and the 8-byte Multipath extension
        assertEquals(authExt + 6, MipAuthenticator.coveredLength(authExt, ExtensionFormat.SHORT));
        SecurityAssociation sa = SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY);
        byte[] auth = MipAuthenticator.compute(sa, rrq, authExt, ExtensionFormat.SHORT);
        assertArrayEquals(java.util.Arrays.copyOfRange(rrq, authExt + 6, authExt + 22), auth);
    }

    @Test
    void verifiesIndependentlyComputedRequestAndReply() {
        MapKeyTable keys = new MapKeyTable().add(SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY));
        for (String name : List.of("rrq_multipath_mnha", "rrq_fb_ipv4_bare", "rrq_fb_ipv4_embedded", "rrp_accepted",
                "rrq_mir", "rrq_mtr_len10", "rrq_vendor_dynha_msgstr_rev")) {
            byte[] b = MipVectors.get(name);
            List<AuthResult> r = MipAuthenticator.verify(b, new MipCodec().decode(b), keys, "10.1.0.5");
            assertEquals(AuthResult.Status.VALID, MipAuthenticator.resultFor(r, ExtensionTypes.MN_HA_AUTH).status(),
                    name);
        }
    }

    @Test
    void detectsWrongKeyAndMissingKey() {
        byte[] b = MipVectors.get("rrq_nai_mnfa_faha");
        MapKeyTable keys = new MapKeyTable().add(new SecurityAssociation(MipVectors.SPI, "10.1.0.5",
                AuthAlgorithms.HMAC_MD5, Hex.decode("ffff")));
        List<AuthResult> r = MipAuthenticator.verify(b, new MipCodec().decode(b), keys, "10.1.0.5");
        assertEquals(3, r.size());
        assertEquals(AuthResult.Status.INVALID, r.get(0).status()); // MN-HA under the wrong key
        assertEquals(AuthResult.Status.NO_KEY, r.get(1).status()); // MN-FA SPI 0x200 unknown
        assertEquals(0x300, r.get(2).spi());
    }

    @Test
    void detectsTamperedByte() {
        byte[] b = MipVectors.get("rrq_multipath_mnha").clone();
        b[30] ^= 1; // flip a bit of the Multipath BID, covered by the authenticator
        MapKeyTable keys = new MapKeyTable().add(SecurityAssociation.hmacMd5(MipVectors.SPI, MipVectors.KEY));
        List<AuthResult> r = MipAuthenticator.verify(b, new MipCodec().decode(b), keys, null);
        assertFalse(r.get(0).valid());
    }

    @Test
    void peerSpecificKeyWinsOverWildcard() {
        SecurityAssociation any = SecurityAssociation.hmacMd5(5, Hex.decode("01"));
        SecurityAssociation peer = new SecurityAssociation(5, "10.1.0.5", AuthAlgorithms.HMAC_MD5, Hex.decode("02"));
        MapKeyTable t = new MapKeyTable().add(any).add(peer);
        assertTrue(t.lookup(5, "10.1.0.5") == peer);
        assertTrue(t.lookup(5, "10.9.9.9") == any);
        assertTrue(t.lookup(6, "10.1.0.5") == null);
    }

    @Test
    void neverPrintsTheKey() {
        SecurityAssociation sa = SecurityAssociation.hmacMd5(256, Hex.decode("cafebabe"));
        String s = sa.toString() + new MapKeyTable().add(sa);
        assertFalse(s.toLowerCase().contains("cafebabe"), s);
        assertTrue(s.contains("hidden"));
    }

    @Test
    void buildsAndVerifiesGeneralizedMnAaaAuthenticatorOverItsLongHeader() {
        SecurityAssociation sa = SecurityAssociation.hmacMd5(0x400, MipVectors.KEY);
        RegistrationRequest rq = RegistrationRequest.builder().homeAddress("10.1.0.5").homeAgent("192.0.2.1")
                .careOfAddress("198.51.100.7").lifetime(60).authenticate(ExtensionTypes.GENERALIZED_AUTH, sa).build();
        byte[] b = rq.encode();
        assertEquals(24 + 4 + 4 + 16, b.length); // fixed, Type|Sub-Type|Length(16), SPI, HMAC-MD5
        assertEquals(36, b[24]);
        assertEquals(1, b[25]); // Sub-Type 1: MN-AAA
        List<AuthResult> r = MipAuthenticator.verify(b, new MipCodec().decode(b), new MapKeyTable().add(sa), null);
        assertEquals(AuthResult.Status.VALID, r.get(0).status());
        assertEquals(24 + 8, MipAuthenticator.coveredLength(24, ExtensionFormat.LONG));
    }

    @Test
    void refusesToAuthenticateWithANonAuthenticationType() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RegistrationRequest
                .builder().authenticate(131, SecurityAssociation.hmacMd5(256, MipVectors.KEY)));
    }
}
