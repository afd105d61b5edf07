package io.tanhe.grammar.ast;

import java.util.List;

/**
 * A parsed {@code .tanhe} file: the root of the immutable AST.
 *
 * @param path            the path as given to the parser, used in every span
 * @param header          null only if the file is so broken that no header could be read
 * @param trailingComments comments after the last statement
 */
public record SourceFile(String path, Header header, List<Decl> decls, List<String> trailingComments) {

    public SourceFile {
        decls = List.copyOf(decls);
        trailingComments = List.copyOf(trailingComments);
    }

    /** The declarations of one kind, in file order. */
    public <T extends Decl> List<T> declsOf(Class<T> kind) {
        return decls.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
