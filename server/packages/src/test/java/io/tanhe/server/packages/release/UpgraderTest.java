package io.tanhe.server.packages.release;

import io.tanhe.server.packages.Check;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpgraderTest {
    @TempDir
    Path work;
    InstallRoot root;
    Instant now = Instant.parse("2026-12-06T08:00:00Z");
    Upgrader upgrader;

    @BeforeEach
    void setUp() {
        root = new InstallRoot(work.resolve("opt-tanhe"));
        upgrader = new Upgrader(root, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, Duration.ofMinutes(3), 3);
    }

    @Test
    void anUpgradeFromTheBaseBuildSwitchesCurrentAndPutsTheReleaseOnProbation() throws Exception {
        UpgradeState s = upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin (sysadmin) from 10.0.0.9");
        assertEquals(Phase.PROBATION, s.phase());
        assertEquals("", s.from());
        assertEquals("0.2.0", s.to());
        assertEquals(now.plus(Duration.ofMinutes(3)), s.deadline());
        assertEquals(Optional.of("0.2.0"), root.currentVersion());
        assertEquals("the program, version 0.2.0", Files.readString(root.current().resolve("lib/tanhe.jar")));
        assertEquals(s, upgrader.status());
    }

    @Test
    void aHealthyReleaseIsKeptAndTheNextUpgradeRemembersItAsPrevious() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        assertEquals(Phase.PROBATION, upgrader.started().phase()); // the restart into the new release
        assertTrue(upgrader.markGood());
        assertEquals(Phase.GOOD, upgrader.status().phase());
        now = now.plus(Duration.ofHours(1));
        assertEquals(Phase.GOOD, upgrader.started().phase()); // a later restart changes nothing
        UpgradeState next = upgrader.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "admin");
        assertEquals("0.2.0", next.from());
        assertEquals(Optional.of("0.2.0"), InstallRoot.linked(root.previous()));
        assertEquals(Optional.of("0.3.0"), root.currentVersion());
    }

    @Test
    void aHealthyReleaseKeepsItselfAndTheRollbackTargetAndRemovesOlderOnes() throws Exception {
        for (String v : List.of("0.2.0", "0.3.0", "0.4.0")) {
            upgrader.upgrade(Releases.app(work, v), Releases.policy(), "admin");
            upgrader.started();
            assertTrue(upgrader.markGood());
        }
        assertEquals(Set.of("0.4.0", "0.3.0"), Set.copyOf(upgrader.releases()), "0.2.0 is neither in use nor the rollback target");
        assertFalse(Files.exists(root.release("0.2.0")));
        assertEquals(Optional.of("0.3.0"), InstallRoot.linked(root.previous()));
        assertEquals("the program, version 0.4.0", Files.readString(root.current().resolve("lib/tanhe.jar")));
        upgrader.upgrade(Releases.app(work, "0.5.0"), Releases.policy(), "admin");
        assertEquals(Set.of("0.5.0", "0.4.0", "0.3.0"), Set.copyOf(upgrader.releases()), "nothing is removed while on probation");
        assertEquals("the program, version 0.4.0", Files.readString(root.previous().resolve("lib/tanhe.jar")),
                "the rollback target is whole");
    }

    @Test
    void aReleaseThatWasRolledBackIsRemovedOnceALaterOneProvedHealthy() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.markGood();
        upgrader.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "admin");
        upgrader.rollback("unhealthy");
        assertEquals(Set.of("0.3.0", "0.2.0"), Set.copyOf(upgrader.releases()), "a rollback removes nothing");
        upgrader.upgrade(Releases.app(work, "0.4.0"), Releases.policy(), "admin");
        upgrader.markGood();
        assertEquals(Set.of("0.4.0", "0.2.0"), Set.copyOf(upgrader.releases()));
        assertEquals(Optional.of("0.2.0"), InstallRoot.linked(root.previous()));
    }

    @Test
    void theFirstReleaseFromTheBaseBuildRemovesNothingElseThanStrayOldReleases() throws Exception {
        Files.createDirectories(root.release("0.1.0").resolve("lib"));
        Files.createDirectories(root.releases().resolve(".0.9.0.partial"));
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        assertTrue(upgrader.markGood());
        assertEquals(List.of("0.2.0"), upgrader.releases());
        assertTrue(Files.exists(root.releases().resolve(".0.9.0.partial")), "a partial folder is the crash recovery's, not pruned");
    }

    @Test
    void aReleaseStillUnprovenWhenItsWindowEndsIsRolledBackAtTheNextStart() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.markGood();
        upgrader.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "admin");
        upgrader.started();
        now = now.plus(Duration.ofMinutes(4));
        assertTrue(upgrader.overdue());
        UpgradeState s = upgrader.started();
        assertEquals(Phase.ROLLED_BACK, s.phase());
        assertTrue(s.reason().contains("did not prove healthy"), s.reason());
        assertEquals(Optional.of("0.2.0"), root.currentVersion());
        assertFalse(upgrader.markGood()); // too late: the old release is back
    }

    @Test
    void anUnhealthyReleaseRolledBackByTheRunningProgramReturnsToTheBaseBuild() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.started();
        UpgradeState s = upgrader.rollback("unhealthy: evaluation did not advance");
        assertEquals(Phase.ROLLED_BACK, s.phase());
        assertEquals(Optional.empty(), root.currentVersion()); // no link: the base build runs
        assertFalse(Files.exists(root.current(), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(Phase.ROLLED_BACK, upgrader.started().phase());
    }

    @Test
    void aReleaseThatKeepsCrashingAtStartIsRolledBackAfterItsStarts() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.markGood();
        upgrader.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "admin");
        for (int i = 1; i <= 3; i++) {
            UpgradeState s = upgrader.started();
            assertEquals(Phase.PROBATION, s.phase());
            assertEquals(i, s.starts());
            now = now.plusSeconds(5);
        }
        UpgradeState s = upgrader.started();
        assertEquals(Phase.ROLLED_BACK, s.phase());
        assertTrue(s.reason().contains("started 3 times"), s.reason());
        assertEquals(Optional.of("0.2.0"), root.currentVersion());
    }

    @Test
    void aRefusedPackageChangesNothing() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.markGood();
        UpgradeState before = upgrader.status();
        UpgradeRefused r = assertThrows(UpgradeRefused.class, () -> upgrader.upgrade(
                Releases.pkg(work, io.tanhe.server.packages.PackageKind.APPLICATION, "tanhe", "0.3.0", Releases.STRANGER),
                Releases.policy(), "admin"));
        assertTrue(r.problems().stream().anyMatch(p -> p.check() == Check.UNTRUSTED_KEY), r.getMessage());
        assertEquals(before, upgrader.status());
        assertEquals(Optional.of("0.2.0"), root.currentVersion());
        assertFalse(Files.exists(root.release("0.3.0")));
    }

    @Test
    void aSecondUpgradeWhileOneIsOnProbationIsRefused() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        UpgradeRefused r = assertThrows(UpgradeRefused.class,
                () -> upgrader.upgrade(Releases.app(work, "0.3.0"), Releases.policy(), "admin"));
        assertTrue(r.getMessage().contains("under way (probation)"), r.getMessage());
    }

    @Test
    void theReleaseInUseCannotBeInstalledAgain() throws Exception {
        upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin");
        upgrader.markGood();
        UpgradeRefused r = assertThrows(UpgradeRefused.class,
                () -> upgrader.upgrade(Releases.app(work, "0.2.0"), Releases.policy(), "admin"));
        assertTrue(r.getMessage().contains("in use already"), r.getMessage());
    }

    @Test
    void rollbackWithoutAnUpgradeSaysThereIsNone() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> upgrader.rollback("because"));
        assertTrue(e.getMessage().contains("no upgrade to roll back"), e.getMessage());
    }

    @Test
    void aComponentIsInstalledSwitchedToANewVersionAndUninstalled() throws Exception {
        Components c = new Components(root);
        c.install(Releases.pkg(work, io.tanhe.server.packages.PackageKind.COMPONENT, "drivers-extra", "1.0", Releases.VENDOR),
                Releases.policy());
        assertEquals(java.util.Map.of("drivers-extra", "1.0"), c.installed());
        c.install(Releases.pkg(work, io.tanhe.server.packages.PackageKind.COMPONENT, "drivers-extra", "1.1", Releases.VENDOR),
                Releases.policy());
        assertEquals(java.util.Map.of("drivers-extra", "1.1"), c.installed());
        assertFalse(Files.exists(root.components().resolve("drivers-extra/1.0")));
        assertEquals(Optional.of("1.1"), c.uninstall("drivers-extra"));
        assertEquals(java.util.Map.of(), c.installed());
        UpgradeRefused r = assertThrows(UpgradeRefused.class, () -> c.install(Releases.app(work, "0.2.0"), Releases.policy()));
        assertTrue(r.problems().stream().anyMatch(p -> p.check() == Check.WRONG_KIND), r.getMessage());
    }
}
