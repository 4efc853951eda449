package org.multitunnel.analysis.filter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.analysis.filter.internal.Token.Kind;

/**
 * Splits a display filter into tokens the way Wireshark's scanner does where it matters: field names, numbers,
 * addresses and byte strings are one kind of word (their meaning depends on the field they are compared with),
 * strings take C escapes, raw strings keep backslashes, and {@code [..]} after a field is a slice.
 */
final class Lexer {
    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int p;

    private Lexer(String src) {
        this.src = src;
    }

    static List<Token> lex(String src) throws FilterSyntaxException {
        Lexer l = new Lexer(src);
        l.run();
        return l.out;
    }

    private void run() throws FilterSyntaxException {
        int n = src.length();
        while (p < n) {
            char c = src.charAt(p);
            if (Character.isWhitespace(c)) {
                p++;
                continue;
            }
            int start = p;
            switch (c) {
                case '(' -> single(Kind.LPAREN);
                case ')' -> single(Kind.RPAREN);
                case '{' -> single(Kind.LBRACE);
                case '}' -> single(Kind.RBRACE);
                case ',' -> single(Kind.COMMA);
                case '#' -> single(Kind.HASH);
                case '"' -> string(start, false);
                case '\'' -> charConst(start);
                case '[' -> slice(start);
                case '$' -> {
                    int close = src.indexOf('}', p);
                    p = close < 0 ? n : close + 1;
                    add(Kind.UNSUPPORTED, src.substring(start, p), start);
                }
                case '&' -> {
                    if (src.startsWith("&&", p)) {
                        p += 2;
                        add(Kind.AND, "&&", start);
                    } else {
                        single(Kind.AMP);
                    }
                }
                case '|' -> {
                    if (!src.startsWith("||", p)) {
                        throw new FilterSyntaxException(p, "'|' is not an operator (use || or 'or')");
                    }
                    p += 2;
                    add(Kind.OR, "||", start);
                }
                case '=' -> {
                    if (src.startsWith("===", p)) {
                        p += 3;
                        add(Kind.RELOP, "===", start);
                    } else if (src.startsWith("==", p)) {
                        p += 2;
                        add(Kind.RELOP, "==", start);
                    } else {
                        throw new FilterSyntaxException(p, "'=' is not an operator (use ==)");
                    }
                }
                case '!' -> {
                    if (src.startsWith("!==", p)) {
                        p += 3;
                        add(Kind.RELOP, "!==", start);
                    } else if (src.startsWith("!=", p)) {
                        p += 2;
                        add(Kind.RELOP, "!=", start);
                    } else {
                        single(Kind.NOT);
                    }
                }
                case '~' -> {
                    if (src.startsWith("~=", p)) {
                        p += 2;
                        add(Kind.RELOP, "!==", start);
                    } else {
                        p++;
                        add(Kind.MATCHES, "~", start);
                    }
                }
                case '<', '>' -> {
                    p++;
                    if (p < n && src.charAt(p) == '=') {
                        p++;
                    }
                    add(Kind.RELOP, src.substring(start, p), start);
                }
                case '+', '*', '%', '/' -> {
                    p++;
                    add(Kind.UNSUPPORTED, String.valueOf(c), start);
                }
                default -> {
                    if (c == 'r' && p + 1 < n && src.charAt(p + 1) == '"') {
                        p++;
                        string(start, true);
                    } else if (c == '.' && p + 1 < n && src.charAt(p + 1) == '.') {
                        p += 2;
                        add(Kind.DOTDOT, "..", start);
                    } else if (c == '-' && !(p + 1 < n && isWordChar(src.charAt(p + 1)))) {
                        p++;
                        add(Kind.UNSUPPORTED, "-", start);
                    } else if (isWordChar(c)) {
                        word(start);
                    } else {
                        throw new FilterSyntaxException(p, "unexpected character '" + c + "'");
                    }
                }
            }
        }
        out.add(new Token(Kind.END, "", n, n));
    }

    private void single(Kind k) {
        add(k, String.valueOf(src.charAt(p)), p++);
    }

    private void add(Kind k, String text, int start) {
        out.add(new Token(k, text, start, p));
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-' || c == '/';
    }

    private void word(int start) {
        int n = src.length();
        while (p < n && isWordChar(src.charAt(p))) {
            // "a..b" stays one word (a range inside a set); a word never swallows a ".." that starts it
            p++;
        }
        String w = src.substring(start, p);
        Kind k = switch (w.toLowerCase(Locale.ROOT)) {
            case "and" -> Kind.AND;
            case "or" -> Kind.OR;
            case "not" -> Kind.NOT;
            case "in" -> Kind.IN;
            case "contains" -> Kind.CONTAINS;
            case "matches" -> Kind.MATCHES;
            case "any" -> Kind.ANY;
            case "all" -> Kind.ALL;
            case "eq", "any_eq" -> Kind.RELOP;
            case "ne", "all_ne", "all_eq", "any_ne", "lt", "le", "gt", "ge" -> Kind.RELOP;
            case "bitwise_and" -> Kind.AMP;
            default -> Kind.WORD;
        };
        String text = k == Kind.RELOP ? symbol(w.toLowerCase(Locale.ROOT)) : w;
        // "any" and "all" are quantifiers only in front of something; alone they are words
        out.add(new Token(k, text, start, p));
    }

    private static String symbol(String w) {
        return switch (w) {
            case "eq", "any_eq" -> "==";
            case "ne", "all_ne" -> "!=";
            case "all_eq" -> "===";
            case "any_ne" -> "!==";
            case "lt" -> "<";
            case "le" -> "<=";
            case "gt" -> ">";
            default -> ">=";
        };
    }

    private void string(int start, boolean raw) throws FilterSyntaxException {
        p++; // opening quote
        StringBuilder b = new StringBuilder();
        int n = src.length();
        while (true) {
            if (p >= n) {
                throw new FilterSyntaxException(start, "string is not closed");
            }
            char d = src.charAt(p++);
            if (d == '"') {
                break;
            }
            if (d != '\\') {
                b.append(d);
                continue;
            }
            if (p >= n) {
                throw new FilterSyntaxException(start, "string is not closed");
            }
            char e = src.charAt(p);
            if (raw) { // a raw string keeps the backslash; \" still does not end it
                b.append('\\').append(e);
                p++;
                continue;
            }
            p = escape(b, p, start);
        }
        add(raw ? Kind.RAW_STRING : Kind.STRING, b.toString(), start);
    }

    /** Reads the escape after a backslash at {@code at}; returns the index after it. */
    private int escape(StringBuilder b, int at, int start) throws FilterSyntaxException {
        char e = src.charAt(at);
        switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'a' -> b.append('\u0007');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'v' -> b.append('\u000b');
            case 'x' -> {
                int q = at + 1;
                while (q < src.length() && q < at + 3 && Character.digit(src.charAt(q), 16) >= 0) {
                    q++;
                }
                if (q == at + 1) {
                    throw new FilterSyntaxException(at - 1, "\\x needs hex digits");
                }
                b.append((char) Integer.parseInt(src.substring(at + 1, q), 16));
                return q;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int q = at;
                    while (q < src.length() && q < at + 3 && src.charAt(q) >= '0' && src.charAt(q) <= '7') {
                        q++;
                    }
                    int v = Integer.parseInt(src.substring(at, q), 8);
                    if (v > 255) {
                        throw new FilterSyntaxException(at - 1, "octal escape above \\377");
                    }
                    b.append((char) v);
                    return q;
                }
                if (e != '"' && e != '\\' && e != '\'') {
                    throw new FilterSyntaxException(at - 1, "'\\" + e + "' is not a valid escape in a string (write "
                            + "\\\\ for a backslash, e.g. matches \"10\\\\.1\")");
                }
                b.append(e);
            }
        }
        return at + 1;
    }

    private void charConst(int start) throws FilterSyntaxException {
        p++;
        int n = src.length();
        if (p >= n) {
            throw new FilterSyntaxException(start, "character constant is not closed");
        }
        StringBuilder b = new StringBuilder();
        if (src.charAt(p) == '\\') {
            if (p + 1 >= n) {
                throw new FilterSyntaxException(start, "character constant is not closed");
            }
            p = escape(b, p + 1, start);
        } else {
            b.append(src.charAt(p++));
        }
        if (p >= n || src.charAt(p) != '\'') {
            throw new FilterSyntaxException(start, "character constant is not closed (one character between ' ')");
        }
        p++;
        add(Kind.CHAR, Integer.toString(b.charAt(0)), start);
    }

    private void slice(int start) throws FilterSyntaxException {
        int close = src.indexOf(']', p);
        if (close < 0) {
            throw new FilterSyntaxException(start, "'[' is not closed");
        }
        p = close + 1;
        out.add(new Token(Kind.SLICE, src.substring(start + 1, close).strip(), start, p));
    }
}
