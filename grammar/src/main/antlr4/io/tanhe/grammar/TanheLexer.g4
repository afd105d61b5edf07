/*
 * Lexer of the Tanhe methodology language (.tanhe files).
 * Keywords are few on purpose: functions (sum, min, max, abs, round, available) and emission
 * classes are ordinary identifiers, resolved by the compiler, so a misspelling gets a
 * "did you mean" instead of a syntax error.
 */
lexer grammar TanheLexer;

METHODOLOGY : 'methodology';
LIBRARY     : 'library';
TESTS       : 'tests';
VERSION     : 'version';
TITLE       : 'title';
SOURCE      : 'source';
EFFECTIVE   : 'effective';
FROM        : 'from';
UNTIL       : 'until';
INDUSTRY    : 'industry';
IMPORT      : 'import';
FACTORS     : 'factors';
SET         : 'set';
FACTOR      : 'factor';
INPUT       : 'input';
VALUE       : 'value';
CONST       : 'const';
EMISSION    : 'emission';
TOTAL       : 'total';
FORMULA     : 'formula';
TEST        : 'test';
EXPECT      : 'expect';
CLASS       : 'class';
COUNTER     : 'counter';
RATE        : 'rate';
PERIOD      : 'period';
OPTIONAL    : 'optional';
BASIS       : 'basis';
VALID       : 'valid';
CLAUSE      : 'clause';
CONFIDENCE  : 'confidence';
NOTE        : 'note';
WITHIN      : 'within';
ON          : 'on';
IN          : 'in';
IF          : 'if';
THEN        : 'then';
ELSE        : 'else';
AND         : 'and';
OR          : 'or';
NOT         : 'not';

LBRACE   : '{';
RBRACE   : '}';
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
COLON    : ':';
DOT      : '.';
ASSIGN   : '=';
EQ       : '==';
NEQ      : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
MIDDOT   : '\u00B7';
SLASH    : '/';
CARET    : '^';
PERCENT  : '%';
PLUSMINUS: '\u00B1';

DATE     : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
DOTTED_VERSION : DIGITS '.' DIGITS '.' DIGITS ('.' DIGITS)*;
NUMBER   : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)?;
IDENT    : [\p{L}_] [\p{L}\p{N}_]*;
STRING   : '"' (~["\\\r\n] | '\\' .)* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' .)*;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
WS            : [ \t\r\n\u3000\uFEFF]+ -> skip;

/* Anything else is reported by the parser as an invalid character, so lexing never stops. */
INVALID_CHAR : .;

fragment DIGIT  : [0-9];
fragment DIGITS : DIGIT+;
