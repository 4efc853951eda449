package org.multitunnel.analysis.filter.internal;

/**
 * One lexical token of a display filter with its character range, so every error can point at what it is about.
 *
 * @param kind  what the token is
 * @param text  its text (a string's text with escapes resolved; a slice's inside without brackets)
 * @param pos   0-based index of its first character
 * @param end   index after its last character
 */
record Token(Kind kind, String text, int pos, int end) {
    enum Kind {
        /** Field name, number, address, byte string or bare word: read by the type it is compared with. */
        WORD,
        /** "quoted string" (escapes resolved). */
        STRING,
        /** r"raw string" (backslashes kept). */
        RAW_STRING,
        /** 'c' character constant, its value already computed (text holds the decimal value). */
        CHAR,
        /** [slice spec] */
        SLICE,
        LPAREN, RPAREN, LBRACE, RBRACE, COMMA, DOTDOT, HASH, AMP,
        /** == != === !== ~= < <= > >= (and eq ne ... any_eq all_ne ...) */
        RELOP,
        CONTAINS, MATCHES, IN, AND, OR, NOT, ANY, ALL,
        /** An operator Wireshark knows that this engine does not evaluate (arithmetic, ${} references). */
        UNSUPPORTED,
        END
    }
}
