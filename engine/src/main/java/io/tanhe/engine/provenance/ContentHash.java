package io.tanhe.engine.provenance;

import io.tanhe.engine.compile.LoadedProgram;
import io.tanhe.grammar.ast.SourceFile;
import io.tanhe.grammar.format.CanonicalPrinter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a methodology: SHA-256 over the canonical ({@code tanhe fmt}) text of the
 * methodology and of every file it imports, in load order (imports first), each followed by a
 * NUL. Layout changes do not change it; any change of meaning or comment does.
 */
public final class ContentHash {

    private ContentHash() {
    }

    /** Lower-case hex SHA-256. */
    public static String of(LoadedProgram program) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SourceFile f : program.files()) {
                sha.update(CanonicalPrinter.print(f).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
