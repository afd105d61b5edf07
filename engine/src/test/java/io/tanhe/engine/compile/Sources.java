package io.tanhe.engine.compile;

/** Methodology text for the stage tests: a valid header and a body. */
final class Sources {
    static final String HEADER = """
            methodology stage.checks
              version 1
              title "stage test"
              source "tanhe test suite"
              effective from 2024-01-01
              industry "test"
            """;

    private Sources() {
    }

    static Compilation compile(String body) {
        return Compiler.compileText("s.tanhe", HEADER + body);
    }
}
