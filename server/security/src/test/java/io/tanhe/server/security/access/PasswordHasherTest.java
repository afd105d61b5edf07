package io.tanhe.server.security.access;

import org.junit.jupiter.api.Test;

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
