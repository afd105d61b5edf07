package io.tanhe.grammar.diagnostics;

/**
 * Every diagnostic the methodology toolchain can report. The list is documented in
 * {@code docs/error-codes.md}; a test keeps the two in step.
 */
public enum ErrorCode {
    // syntax (parser)
    E100("syntax error", "The parser met a token it did not expect; the hint lists what it expected."),
    E101("unterminated string", "A string literal has no closing quote on its line."),
    E102("invalid character", "A character that is not part of the language (e.g. `$`, `;`, a full-width comma)."),
    E103("invalid literal", "A date, number or exponent that cannot be read (e.g. 2023-02-30, an exponent that is not an integer)."),
    // limits: what the compiler refuses to read rather than exhaust its stack or memory on
    E104("nesting too deep", "Parentheses, brackets or braces nested more than 64 deep, or imports chained more than 32 files deep."),
    E105("expression too long", "A formula with more than 256 operators."),
    E106("invalid text", "A file that is not valid UTF-8, or a control character such as NUL inside a string."),
    E107("file too large", "A methodology file (or a file it imports) larger than 1 MiB."),
    E108("set too large", "A set with more than 1,000 members, or a declaration indexed by more than 100,000 combinations of members."),
    // header
    E200("duplicate header field", "A header field (version, title, …) is written twice."),
    E201("missing header field", "A methodology needs version, title, source and industry; a library needs version."),
    E202("empty effective period", "`effective from A until B` with B not after A."),
    // names
    E300("unknown name", "A reference to a factor, input, value, set or index variable that is not declared."),
    E301("duplicate declaration", "Two declarations (possibly in different imported files) use the same name."),
    E302("unknown set", "A dimension or binding names a set that is not declared."),
    E303("unknown set member", "A key names a member that the (closed) set does not have."),
    E304("wrong number of indices", "An indexed name is used with a different number of indices than it has dimensions."),
    E305("index missing", "An indexed name is used without indices outside an aggregate such as sum()."),
    E306("index of the wrong set", "An index variable ranges over another set than the dimension it is used for."),
    E307("unknown function", "A call to a function or formula that does not exist."),
    E308("wrong number of arguments", "A function or formula is called with too many or too few arguments."),
    E309("import not found", "An imported file or factor table does not exist or cannot be read."),
    E310("import cycle", "Files import each other in a cycle."),
    E311("unknown emission class", "`class` names a category that is not one of the emission classes."),
    E312("invalid attribute", "An attribute value is not allowed: a scope other than direct/indirect, an unknown confidence or GWP basis; or an attribute of a factor value is written twice."),
    E313("index variable reused", "An index variable is bound twice in the same scope or shadows a name."),
    E314("factor value problem", "A factor value (declared in place or in a factor table) is for an undeclared factor, has a wrong key, overlaps another, or its table is malformed."),
    E315("misplaced declaration", "A declaration that the file kind does not allow, e.g. a test in a library or an emission class on a value."),
    E316("not a methodology file", "An imported file does not start with `methodology` or `library`; its content is not shown."),
    // units and types
    E400("unknown unit", "A unit symbol that the unit algebra does not know."),
    E401("unit mismatch", "A formula's unit differs from the unit its declaration states."),
    E402("incompatible units", "Operands of +, -, comparisons, min, max or the branches of if have different dimensions."),
    E403("substance conversion", "A quantity of one substance is used as another (tC as tCO2, tCH4 as tCO2e) without an explicit factor."),
    E404("invalid exponent", "An exponent that is not an integer constant, beyond ±99, or giving a unit whose scale a double cannot hold."),
    E405("unit on a dimensioned value", "A unit literal `[u]` is applied to an expression that already has a unit."),
    E406("invalid rounding", "round() needs an integer number of decimals between 0 and 12."),
    E407("type error", "A condition that is not a comparison, or arithmetic on a condition."),
    E408("mixed GWP bases", "CO2-equivalents computed with GWPs of different assessment reports (SAR, AR4, AR5, AR6)."),
    // graph
    E500("cycle", "Values depend on each other in a cycle; the hint lists the members."),
    // evaluation and tests
    E600("missing factor value", "No value of a factor is valid on the evaluated date and none was supplied."),
    E601("missing input", "A required (not optional) input has no value."),
    E602("test value problem", "A test supplies a value for an unknown input or factor, with an incompatible unit, or twice (a value or its date), or expects an unknown node; or the test's month lies outside the evaluator's time range."),
    E603("arithmetic error", "A division by zero or a result that is not a finite number."),
    // warnings
    W001("unused factor", "A factor that no formula uses."),
    W002("unused input", "An input that no formula uses."),
    W003("unverified default", "A default value with confidence C or U (second-hand, unconfirmed) was used."),
    W004("emission not in a total", "An emission that no total includes."),
    W005("unused set", "A set that nothing is indexed by.");

    private final String title;
    private final String description;

    ErrorCode(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Severity severity() {
        return name().startsWith("W") ? Severity.WARNING : Severity.ERROR;
    }
}
