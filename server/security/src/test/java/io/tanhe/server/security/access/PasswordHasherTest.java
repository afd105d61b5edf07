package io.tanhe.server.security.access;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    @Test
    void argon2idHashesVerifyWithTheirOwnParametersAndAreSalted() {
        String a = PasswordHasher.DEFAULT.hash("Correct-horse-1");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertTrue(PasswordHasher.DEFAULT.verify("Correct-horse-1", a));
        assertFalse(PasswordHasher.DEFAULT.verify("Correct-horse-2", a));
        assertNotEquals(a, PasswordHasher.DEFAULT.hash("Correct-horse-1"), "a fresh salt each time");
        assertTrue(new PasswordHasher(64, 1, 1).verify("Correct-horse-1", a), "the parameters travel with the hash");
        assertFalse(PasswordHasher.DEFAULT.verify("x", "$argon2id$v=19$m=x$$"), "an unreadable hash never verifies");
        assertFalse(PasswordHasher.DEFAULT.verify("x", "plain"));
        assertFalse(PasswordHasher.DEFAULT.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"), "a hash asking for 95 GiB is refused, not computed");
    }

    @Test
    void theDecoyIsShapedLikeARealHashSoVerifyingItCostsTheSameAndNoPasswordMatchesIt() {
        PasswordHasher h = new PasswordHasher(1024, 1, 1);
        String real = h.hash("Correct-horse-1");
        String decoy = h.decoy();
        String[] r = real.split("\\$");
        String[] d = decoy.split("\\$");
        assertEquals(List.of(r[0], r[1], r[2], r[3]), List.of(d[0], d[1], d[2], d[3]), "the hasher's own parameters: " + decoy);
        Base64.Decoder b64 = Base64.getDecoder();
        assertEquals(b64.decode(r[4]).length, b64.decode(d[4]).length, "salt length");
        assertEquals(b64.decode(r[5]).length, b64.decode(d[5]).length, "digest length: verify derives and compares, as for an account");
        for (String tried : new String[] {"", "Correct-horse-1", "x"}) {
            assertFalse(h.verify(tried, decoy), tried);
        }
        assertNotEquals(decoy, h.decoy(), "random each time");
    }

    @Test
    void manyThreadsHashingAtOnceAllGetTheirAnswer() throws Exception {
        PasswordHasher h = new PasswordHasher(1024, 1, 1);
        String stored = h.hash("Correct-horse-1");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 16; i++) {
                String tried = i % 2 == 0 ? "Correct-horse-1" : "Wrong-horse-" + i;
                answers.add(pool.submit(() -> h.verify(tried, stored)));
            }
            for (int i = 0; i < 16; i++) {
                org.junit.jupiter.api.Assertions.assertEquals(i % 2 == 0, answers.get(i).get(), "answer " + i);
            }
        }
    }
}
