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
    }
}
