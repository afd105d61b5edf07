/*
 * Parser of the Tanhe methodology language. Every alternative that becomes a distinct AST node
 * is labelled; io.tanhe.grammar.parse.AstBuilder turns the parse tree into the immutable AST.
 */
parser grammar TanheParser;

options { tokenVocab = TanheLexer; }

file
    : header statement* EOF
    ;

// A test file names the methodology it tests, by path or by id and version, and holds only test blocks.
header
    : kind=(METHODOLOGY | LIBRARY) qualifiedId headerField*
    | kind=TESTS (target=STRING | qualifiedId VERSION version=(NUMBER | DOTTED_VERSION | STRING))
    ;

headerField
    : VERSION version=(NUMBER | DOTTED_VERSION | STRING)     # versionField
    | TITLE STRING                                            # titleField
    | SOURCE STRING                                           # sourceField
    | EFFECTIVE (FROM from=DATE)? (UNTIL until=DATE)?         # effectiveField
    | INDUSTRY (STRING | qualifiedId)                         # industryField
    ;

qualifiedId
    : idPart (DOT idPart)*
    ;

idPart
    : IDENT (MINUS (IDENT | NUMBER))*
    ;

statement
    : IMPORT STRING                                           # importStatement
    | FACTORS STRING                                          # factorTableStatement
    | SET name=IDENT label? (LBRACE setMember (COMMA setMember)* COMMA? RBRACE)?   # setStatement
    | FACTOR name=IDENT dimensions? COLON unit label? (BASIS basis=IDENT)? factorBody?   # factorStatement
    | INPUT name=IDENT dimensions? COLON unit kind=(COUNTER | RATE | PERIOD) OPTIONAL? label?   # inputStatement
    | computedKind name=IDENT bindings? COLON unit label? emissionClass? ASSIGN expr   # computedStatement
    | FORMULA name=IDENT LPAREN (parameter (COMMA parameter)*)? RPAREN (COLON unit)? ASSIGN expr   # formulaStatement
    | TEST STRING LBRACE testStatement* RBRACE                # testBlock
    ;

computedKind
    : CONST | VALUE | EMISSION | TOTAL
    ;

label
    : STRING
    ;

setMember
    : IDENT label?
    ;

dimensions
    : LBRACK IDENT (COMMA IDENT)* RBRACK
    ;

bindings
    : LBRACK binding (COMMA binding)* RBRACK
    ;

binding
    : var=IDENT IN set=IDENT
    ;

emissionClass
    : CLASS cls=IDENT scope=IDENT?
    ;

parameter
    : IDENT (COLON unit)?
    ;

factorBody
    : LBRACE factorEntry* RBRACE
    ;

factorEntry
    : VALUE key? signedNumber unit? entryAttribute*
    ;

entryAttribute
    : VALID FROM from=DATE (UNTIL until=DATE)?                # validAttribute
    | SOURCE STRING                                           # sourceAttribute
    | CLAUSE STRING                                           # clauseAttribute
    | CONFIDENCE IDENT                                        # confidenceAttribute
    | NOTE STRING                                             # noteAttribute
    ;

key
    : LBRACK IDENT (COMMA IDENT)* RBRACK
    ;

testStatement
    : ON DATE                                                 # testDate
    | INPUT IDENT key? ASSIGN signedNumber unit?              # testInput
    | FACTOR IDENT key? ASSIGN signedNumber unit?             # testFactor
    | EXPECT IDENT key? ASSIGN signedNumber unit? tolerance?  # testExpect
    ;

tolerance
    : (PLUSMINUS | WITHIN) NUMBER PERCENT?
    ;

signedNumber
    : MINUS? NUMBER
    ;

/* Units: a/b/c means a/(b·c); juxtaposition is a product, so `GJ/10^4 Nm3` is GJ per 10^4 Nm3. */
unit
    : unitProduct (SLASH unitProduct)*
    ;

unitProduct
    : unitPower ((STAR | MIDDOT)? unitPower)*
    ;

unitPower
    : unitAtom (CARET MINUS? NUMBER)?
    ;

unitAtom
    : IDENT                                                   # unitSymbol
    | NUMBER                                                  # unitNumber
    | PERCENT                                                 # unitPercent
    ;

expr
    : primary                                                 # primaryExpr
    | <assoc=right> expr CARET expr                           # powerExpr
    | op=(MINUS | PLUS) expr                                  # unaryExpr
    | expr op=(STAR | SLASH) expr                             # mulExpr
    | expr op=(PLUS | MINUS) expr                             # addExpr
    | expr op=(LT | LE | GT | GE | EQ | NEQ) expr             # compareExpr
    | NOT expr                                                # notExpr
    | expr AND expr                                           # andExpr
    | expr OR expr                                            # orExpr
    | IF expr THEN expr ELSE expr                             # ifExpr
    ;

primary
    : NUMBER SLASH NUMBER unitLiteral                         # ratioLiteral
    | NUMBER unitLiteral?                                     # numberLiteral
    | LPAREN expr RPAREN unitLiteral?                         # parenExpr
    | IDENT LPAREN callArguments? RPAREN                      # callExpr
    | IDENT (LBRACK indexArgument (COMMA indexArgument)* RBRACK)?   # referenceExpr
    ;

unitLiteral
    : LBRACK unit RBRACK
    ;

callArguments
    : (binding (COMMA binding)* COLON)? expr (COMMA expr)*
    ;

indexArgument
    : IDENT
    ;
