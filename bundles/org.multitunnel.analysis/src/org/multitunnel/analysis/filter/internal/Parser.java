package org.multitunnel.analysis.filter.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.multitunnel.analysis.filter.FieldInfo;
import org.multitunnel.analysis.filter.FieldRegistry;
import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.analysis.filter.internal.Node.Op;
import org.multitunnel.analysis.filter.internal.Node.Quant;
import org.multitunnel.analysis.filter.internal.Token.Kind;

/**
 * Recursive-descent parser and type checker for the display-filter grammar of docs/filters.md (Wireshark's, minus
 * arithmetic and field references): {@code or} binds loosest, then {@code and}, then {@code not}; a test is a field
 * alone or a comparison. Field names are checked against the {@link FieldRegistry} (unknown names are errors with
 * the closest known names) and every literal is read as the type of what it is compared with, so a filter that
 * cannot match for a type reason is rejected instead of silently matching nothing.
 */
final class Parser {
    private static final Set<String> FUNCTIONS = Set.of("len", "count", "upper", "lower", "string");
    private final String src;
    private final FieldRegistry registry;
    private final List<FieldType> slots = new ArrayList<>();
    private final Set<String> fields = new LinkedHashSet<>();
    private List<Token> tokens;
    private int i;

    Parser(String src, FieldRegistry registry) {
        this.src = src;
        this.registry = registry;
    }

    Program parse() throws FilterSyntaxException {
        tokens = Lexer.lex(src);
        if (peek().kind() == Kind.END) {
            throw new FilterSyntaxException(0, "empty filter");
        }
        Node root = or();
        Token t = peek();
        if (t.kind() != Kind.END) {
            throw err(t, t.kind() == Kind.RPAREN ? "unbalanced ')'"
                    : "unexpected '" + t.text() + "' (missing && or ||?)");
        }
        return new Program(root, slots, fields);
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Kind.END) {
            i++;
        }
        return t;
    }

    private static FilterSyntaxException err(Token t, String detail) {
        return new FilterSyntaxException(t.pos(), detail);
    }

    private int slot(FieldType t) {
        slots.add(t);
        return slots.size() - 1;
    }

    private Node or() throws FilterSyntaxException {
        Node n = and();
        while (peek().kind() == Kind.OR) {
            next();
            n = new Node.Or(n, and());
        }
        return n;
    }

    private Node and() throws FilterSyntaxException {
        Node n = unary();
        while (peek().kind() == Kind.AND) {
            next();
            n = new Node.And(n, unary());
        }
        return n;
    }

    private Node unary() throws FilterSyntaxException {
        if (peek().kind() == Kind.NOT) {
            next();
            return new Node.Not(unary());
        }
        return primary();
    }

    private Node primary() throws FilterSyntaxException {
        Token t = peek();
        switch (t.kind()) {
            case LPAREN -> {
                next();
                Node n = or();
                Token close = next();
                if (close.kind() != Kind.RPAREN) {
                    throw err(close.kind() == Kind.END ? t : close, close.kind() == Kind.END ? "'(' is not closed"
                            : "expected ')' but found '" + close.text() + "'");
                }
                return n;
            }
            case END -> throw new FilterSyntaxException(src.length(), "expected a field name or '(' at the end");
            case ANY, ALL -> {
                if (startsOperand(peek(1))) {
                    next();
                    return test(t.kind() == Kind.ANY ? Quant.ANY : Quant.ALL, t);
                }
                return test(null, null);
            }
            default -> {
                return test(null, null);
            }
        }
    }

    private static boolean startsOperand(Token t) {
        return t.kind() == Kind.WORD || t.kind() == Kind.ANY || t.kind() == Kind.ALL;
    }

    /** A field alone, or a comparison; {@code quant} from a leading any/all. */
    private Node test(Quant quant, Token quantToken) throws FilterSyntaxException {
        Operand x = operand();
        while (peek().kind() == Kind.AMP) {
            Token amp = next();
            if (x instanceof Operand.Slice) {
                Token m = valueToken();
                Constant c = Literals.read(FieldType.BYTES, m, x.text);
                int width = ((Operand.Slice) x).width();
                if (width >= 0 && width != c.bytes.length) {
                    throw err(m, "the mask of " + x.text + " needs " + width + " byte" + (width == 1 ? "" : "s")
                            + ", like the slice");
                }
                x = new Operand.BytesMask(x, c.bytes, slot(FieldType.BYTES), x.text + " & " + m.text());
                continue;
            }
            if (x.type != FieldType.UNSIGNED && x.type != FieldType.BOOLEAN) {
                throw err(amp, "'&' (bitwise and) needs an integer on its left; " + x.text + " is "
                        + Literals.describe(x.type) + (x.type == FieldType.PROTOCOL || x.type == FieldType.NONE
                                ? " (use && for 'and')" : ""));
            }
            Token m = valueToken();
            Constant c = Literals.read(FieldType.UNSIGNED, m, x.text);
            x = new Operand.Mask(x, c.num, slot(FieldType.UNSIGNED), x.text + " & " + m.text());
        }
        Token op = peek();
        switch (op.kind()) {
            case RELOP -> {
                next();
                return relation(x, Op.of(op.text()), quant, op);
            }
            case CONTAINS -> {
                next();
                return contains(x, quant == null ? Quant.ANY : quant, op);
            }
            case MATCHES -> {
                next();
                if (x.type != FieldType.STRING && x.type != FieldType.BYTES && x.type != FieldType.PROTOCOL) {
                    throw err(op, x.text + " is " + Literals.describe(x.type) + " and cannot be used with matches"
                            + (x.type == FieldType.UNSIGNED || Compare.isAddress(x.type) || x.type == FieldType.ETHER
                                    ? "; use string(" + x.text + ") matches \"...\"" : ""));
                }
                Constant re = Literals.regex(valueToken());
                return new Node.Matches(x, quant == null ? Quant.ANY : quant, re.pattern);
            }
            case IN -> {
                next();
                return set(x, quant == null ? Quant.ANY : quant);
            }
            case NOT -> {
                if (peek(1).kind() == Kind.IN) {
                    next();
                    next();
                    return new Node.Not(set(x, quant == null ? Quant.ANY : quant));
                }
            }
            case UNSUPPORTED -> throw unsupported(op);
            default -> {
            }
        }
        if (quant != null) {
            throw err(quantToken, "'" + quantToken.text() + "' needs a comparison after the field, e.g. "
                    + quantToken.text().toLowerCase(Locale.ROOT) + " ip.addr == 10.1.0.0/16");
        }
        if (x instanceof Operand.Function) {
            throw err(op.kind() == Kind.END ? tokens.get(i - 1) : op, "a function alone is not a test; compare it, e.g. "
                    + x.text + " > 0");
        }
        return new Node.Exists(x);
    }

    private FilterSyntaxException unsupported(Token t) {
        if (t.text().startsWith("$")) {
            return err(t, "field references such as " + t.text() + " need a selected packet; they are not supported");
        }
        return err(t, "'" + t.text() + "': arithmetic is not supported by this filter engine");
    }

    /** The token of a literal (or the keywords any/all used as plain words). */
    private Token valueToken() throws FilterSyntaxException {
        Token t = next();
        switch (t.kind()) {
            case WORD, STRING, RAW_STRING, CHAR -> {
                return t;
            }
            case ANY, ALL -> {
                return new Token(Kind.WORD, t.text(), t.pos(), t.end());
            }
            case END -> throw new FilterSyntaxException(src.length(), "expected a value after '"
                    + tokens.get(i - 1).text() + "'");
            case UNSUPPORTED -> throw unsupported(t);
            default -> throw err(t, "expected a value but found '" + t.text() + "'");
        }
    }

    private Node relation(Operand x, Op op, Quant quant, Token opToken) throws FilterSyntaxException {
        Quant q = quant == null ? op.quant() : op == Op.NE || op == Op.ANY_NE
                ? (quant == Quant.ALL ? Quant.ALL : Quant.ANY) : quant;
        Op effective = op == Op.NE && quant == Quant.ANY ? Op.ANY_NE : op == Op.ANY_NE && quant == Quant.ALL ? Op.NE
                : op;
        if (x.type == FieldType.NONE) {
            throw err(opToken, x.text + " has no value: test it alone (e.g. '" + x.text + "' or '!" + x.text + "')");
        }
        Token v = peek();
        if (v.kind() == Kind.WORD && isOperandWord(v)) {
            Operand y = operand();
            if (!Compare.compatible(x.type, y.type)) {
                throw err(v, x.text + " (" + Literals.describe(x.type) + ") cannot be compared with " + y.text
                        + " (" + Literals.describe(y.type) + ")");
            }
            return new Node.CompareOperands(x, effective, q, y);
        }
        Token lit = valueToken();
        Constant c = Literals.read(x.type, lit, x.text);
        if (effective.ordering() && x.type == FieldType.BOOLEAN) {
            // Wireshark orders flags as 0 < 1; nothing to refuse
            return new Node.CompareConst(x, effective, q, c);
        }
        return new Node.CompareConst(x, effective, q, c);
    }

    /** A word on the right that is a field or a function call rather than a literal. */
    private boolean isOperandWord(Token v) {
        String w = v.text().toLowerCase(Locale.ROOT);
        if (peek(1).kind() == Kind.LPAREN && FUNCTIONS.contains(w)) {
            return true;
        }
        return registry.find(w) != null && !looksLikeLiteral(w);
    }

    private static boolean looksLikeLiteral(String w) {
        return Character.isDigit(w.charAt(0)) || w.contains(":");
    }

    private Node contains(Operand x, Quant q, Token op) throws FilterSyntaxException {
        FieldType t = x.type;
        if (t != FieldType.STRING && t != FieldType.BYTES && t != FieldType.PROTOCOL && t != FieldType.ETHER) {
            throw err(op, x.text + " is " + Literals.describe(t) + " and cannot be used with contains"
                    + (Compare.isAddress(t) ? "; use == with a prefix such as 10.1.0.0/16" : ""));
        }
        Token lit = valueToken();
        Constant c = Literals.read(t == FieldType.STRING ? FieldType.STRING : FieldType.BYTES, lit, x.text);
        return new Node.Contains(x, q, c);
    }

    private Node set(Operand x, Quant q) throws FilterSyntaxException {
        Token open = next();
        if (open.kind() != Kind.LBRACE) {
            throw err(open, "expected '{' after 'in', e.g. mip.code in {131, 133, 152..153}");
        }
        if (x.type == FieldType.NONE) {
            throw err(open, x.text + " has no value: test it alone");
        }
        List<Constant> elements = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.RBRACE) {
                next();
                break;
            }
            if (t.kind() == Kind.COMMA) {
                next();
                continue;
            }
            if (t.kind() == Kind.END) {
                throw err(open, "'{' is not closed");
            }
            Token lo = valueToken();
            Token hi = null;
            int dots = lo.kind() == Kind.WORD ? lo.text().indexOf("..") : -1;
            if (dots > 0) {
                String a = lo.text().substring(0, dots);
                String b = lo.text().substring(dots + 2);
                hi = b.isEmpty() ? null : new Token(Kind.WORD, b, lo.pos() + dots + 2, lo.end());
                lo = new Token(Kind.WORD, a, lo.pos(), lo.pos() + dots);
                if (hi == null) {
                    next(); // "a.. b"
                    hi = valueToken();
                }
            } else if (peek().kind() == Kind.DOTDOT) {
                next();
                hi = valueToken();
            }
            Constant c = Literals.read(x.type, lo, x.text);
            if (hi != null) {
                if (x.type == FieldType.PROTOCOL || x.type == FieldType.BOOLEAN) {
                    throw err(lo, "ranges need an ordered value; " + x.text + " is " + Literals.describe(x.type));
                }
                c.upper = Literals.read(x.type, hi, x.text);
            }
            elements.add(c);
        }
        if (elements.isEmpty()) {
            throw err(open, "the set is empty");
        }
        return new Node.InSet(x, q, elements.toArray(new Constant[0]));
    }

    /** A field (with optional #layer and [slice]) or a function call. */
    private Operand operand() throws FilterSyntaxException {
        Token t = next();
        if (t.kind() == Kind.UNSUPPORTED) {
            throw unsupported(t);
        }
        if (t.kind() == Kind.ANY || t.kind() == Kind.ALL) {
            t = new Token(Kind.WORD, t.text(), t.pos(), t.end());
        }
        if (t.kind() != Kind.WORD) {
            if (t.kind() == Kind.END) {
                throw new FilterSyntaxException(src.length(), "expected a field name or '(' at the end");
            }
            if (t.kind() == Kind.STRING || t.kind() == Kind.CHAR || t.kind() == Kind.RAW_STRING) {
                throw err(t, "the left side of a comparison must be a field or a function, not a value");
            }
            throw err(t, "expected a field name or '(' but found '" + t.text() + "'");
        }
        String w = t.text().toLowerCase(Locale.ROOT);
        Operand x;
        if (peek().kind() == Kind.LPAREN) {
            x = function(t, w);
        } else {
            x = field(t, w);
        }
        if (peek().kind() == Kind.SLICE) {
            Token s = next();
            if (!x.type.bytesLike()) {
                throw err(s, "slices work on byte strings, text, addresses and protocols; " + x.text + " is "
                        + Literals.describe(x.type));
            }
            x = slice(x, s);
        }
        return x;
    }

    private Operand field(Token t, String w) throws FilterSyntaxException {
        if (!w.matches("[a-z_][a-z0-9_\\-]*(\\.[a-z0-9_\\-]+)*")) {
            throw err(t, "the left side of a comparison must be a field or a function, not '" + t.text() + "'");
        }
        FieldInfo info = registry.find(w);
        FieldSource source;
        if (info != null) {
            source = FieldSource.of(info);
        } else {
            source = FieldSource.group(w, registry);
            if (source == null) {
                throw err(t, unknown(w));
            }
        }
        fields.add(w);
        int layer = 0;
        String text = w;
        if (peek().kind() == Kind.HASH) {
            Token hash = next();
            Token num = next();
            if (num.kind() != Kind.WORD || !num.text().matches("[1-9][0-9]{0,3}") || hash.end() != num.pos()) {
                throw err(hash, "'#' takes a layer number from 1, e.g. ip.src#2 (the second IPv4 header)");
            }
            layer = Integer.parseInt(num.text());
            text = w + "#" + layer;
        }
        return new Operand.FieldRef(source, layer, slot(source.type), text);
    }

    private String unknown(String name) {
        List<String> close = registry.closest(name, 3);
        String msg = "unknown field '" + name + "'";
        if (close.isEmpty()) {
            return msg + " (the names are listed in docs/fields.md)";
        }
        StringBuilder s = new StringBuilder(msg).append(", did you mean ");
        for (int k = 0; k < close.size(); k++) {
            if (k > 0) {
                s.append(k == close.size() - 1 ? " or " : ", ");
            }
            s.append(close.get(k));
        }
        return s.append('?').toString();
    }

    private Operand function(Token t, String name) throws FilterSyntaxException {
        if (!FUNCTIONS.contains(name)) {
            throw err(t, "unknown function '" + name + "' (this engine has len, count, upper, lower and string)");
        }
        next(); // (
        Operand arg = operand();
        Token close = next();
        if (close.kind() == Kind.COMMA) {
            throw err(close, name + "() takes one field");
        }
        if (close.kind() != Kind.RPAREN) {
            throw err(close, "expected ')' to close " + name + "(");
        }
        FieldType type;
        switch (name) {
            case "count" -> type = FieldType.UNSIGNED;
            case "len" -> {
                if (!arg.type.bytesLike()) {
                    throw err(t, "len() needs a byte string, text, address or protocol; " + arg.text + " is "
                            + Literals.describe(arg.type));
                }
                type = FieldType.UNSIGNED;
            }
            case "upper", "lower" -> {
                if (arg.type != FieldType.STRING) {
                    throw err(t, name + "() needs a text field; " + arg.text + " is " + Literals.describe(arg.type));
                }
                type = FieldType.STRING;
            }
            default -> {
                if (arg.type == FieldType.STRING || arg.type == FieldType.BYTES || arg.type == FieldType.PROTOCOL
                        || arg.type == FieldType.NONE || arg.type == FieldType.BOOLEAN) {
                    throw err(t, "string() converts numbers, addresses and times; " + arg.text + " is "
                            + Literals.describe(arg.type));
                }
                type = FieldType.STRING;
            }
        }
        return new Operand.Function(name, arg, type, slot(type), name + "(" + arg.text + ")");
    }

    /** [i:j] start and length, [i-j] start and end, [i], [:j], [i:]; negative offsets count from the end; commas join. */
    private Operand slice(Operand x, Token s) throws FilterSyntaxException {
        String[] parts = s.text().split(",", -1);
        int[] starts = new int[parts.length];
        int[] lengths = new int[parts.length];
        int[] kinds = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            String p = parts[k].strip();
            java.util.regex.Matcher m;
            if ((m = java.util.regex.Pattern.compile("(-?\\d+)?:(\\d+)?").matcher(p)).matches()) {
                starts[k] = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                if (m.group(2) == null) {
                    kinds[k] = 3;
                } else {
                    lengths[k] = Integer.parseInt(m.group(2));
                }
            } else if ((m = java.util.regex.Pattern.compile("(-?\\d+)-(-?\\d+)").matcher(p)).matches()) {
                starts[k] = Integer.parseInt(m.group(1));
                lengths[k] = Integer.parseInt(m.group(2));
                kinds[k] = 1;
            } else if (p.matches("-?\\d+")) {
                starts[k] = Integer.parseInt(p);
                kinds[k] = 2;
            } else {
                throw err(s, "'[" + s.text() + "]' is not a slice; write [start:length], [start-end], [start] or "
                        + "[start:]");
            }
        }
        return new Operand.Slice(x, starts, lengths, kinds, slot(FieldType.BYTES), x.text + "[" + s.text() + "]");
    }
}
