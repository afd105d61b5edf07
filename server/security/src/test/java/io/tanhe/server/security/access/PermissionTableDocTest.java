package io.tanhe.server.security.access;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/security.md shows exactly the permission table of {@link Permission}: change one, change the other. */
class PermissionTableDocTest {
    @Test
    void theDocumentCarriesTheTableOfTheCode() throws Exception {
        Path doc = Path.of("../../docs/security.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(PermissionTable.BEGIN);
        int end = text.indexOf(PermissionTable.END);
        assertTrue(begin >= 0 && end > begin, doc + " must hold the table between " + PermissionTable.BEGIN + " and " + PermissionTable.END);
        String table = text.substring(begin + PermissionTable.BEGIN.length(), end).strip() + "\n";
        assertEquals(PermissionTable.markdown(), table, "docs/security.md's permission table differs from Permission.java;"
                + " paste PermissionTable.markdown() between the markers");
    }

    @Test
    void noRoleHoldsTwoOfficersDutiesAndTheAuditorOnlyTheAuditAndEvidence() {
        // the evidence bundle of a period goes to a verification body through the auditor or the administrator (issue 24)
        assertEquals(java.util.Set.of(Permission.OWN_SESSION, Permission.READ_AUDIT, Permission.WIPE_AUDIT, Permission.EXPORT_EVIDENCE),
                Role.SECURITY_AUDITOR.permissions());
        for (Permission p : new Permission[] {Permission.MANAGE_ACCOUNTS, Permission.READ_AUDIT, Permission.OPERATE}) {
            assertEquals(1, p.roles().size(), p + " belongs to exactly one officer");
        }
        assertTrue(Role.VIEWER.permissions().contains(Permission.READ_DATA));
    }
}
