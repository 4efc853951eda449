package org.multitunnel.analysis.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * A parsed display filter over the field names of {@code docs/fields.md} — what the Packets filter bar applies to
 * each packet's dissection. Grammar (Wireshark's core): {@code name} (present; a group prefix such as {@code mip.ext.mp} is present
 * when any of its fields is), {@code name OP value} with OP one of
 * {@code == != < <= > >= contains} (or {@code eq ne lt le gt ge}), combined with {@code && and}, {@code || or},
 * {@code ! not} and parentheses; values are integers (decimal, 0x hex), IPv4/IPv6 addresses, quoted strings and
 * byte strings ({@code aa:bb:cc}). A field occurring several times matches if any occurrence matches ({@code !=}
 * included, as in Wireshark). Pseudo-fields {@code finding}, {@code tunnel.coa}, {@code tunnel.ha} come from a
 * {@link FilterContext}. Immutable and thread-safe once parsed.
 */
public final class DisplayFilter {
    /** Pseudo-field names answered by the {@link FilterContext}, not the dissection. */
    public static final Set<String> PSEUDO_FIELDS = Set.of("finding", "tunnel.coa", "tunnel.ha");

    private final String text;
    private final Node root;

    private DisplayFilter(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}; a blank or malformed filter throws with the position of the problem. */
    public static DisplayFilter parse(String text) throws FilterSyntaxException {
        Parser p = new Parser(text);
        Node root = p.parse();
        return new DisplayFilter(text.strip(), root);
    }

    public String text() {
        return text;
    }

    /** True when the packet whose layers are given matches (no finding, no tunnel). */
    public boolean matches(List<Field> layers) {
        return matches(layers, FilterContext.NONE);
    }

    /** True when the packet whose layers are given matches, pseudo-fields answered by {@code context}. */
    public boolean matches(List<Field> layers, FilterContext context) {
        return root.test(layers, context);
    }

    /** A matcher over whole frames with the default Mobile IP configuration (UDP 434, default draft numbers). */
    public FrameMatcher matcher() {
        return matcher(MipConfig.defaults());
    }

    /**
     * A matcher over whole frames (one per thread) that dissects, where it must, with {@code config}'s Mobile IP
     * ports and draft extension numbers.
     */
    public FrameMatcher matcher(MipConfig config) {
        return new FrameMatcher(this, new org.multitunnel.analysis.filter.internal.Evaluator(this::matches, config));
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- evaluation tree

    private interface Node {
        boolean test(List<Field> layers, FilterContext ctx);
    }

    private record And(Node a, Node b) implements Node {
        public boolean test(List<Field> layers, FilterContext ctx) {
            return a.test(layers, ctx) && b.test(layers, ctx);
        }
    }

    private record Or(Node a, Node b) implements Node {
        public boolean test(List<Field> layers, FilterContext ctx) {
            return a.test(layers, ctx) || b.test(layers, ctx);
        }
    }

    private record Not(Node a) implements Node {
        public boolean test(List<Field> layers, FilterContext ctx) {
            return !a.test(layers, ctx);
        }
    }

    private record Present(String name) implements Node {
        public boolean test(List<Field> layers, FilterContext ctx) {
            return !values(name, layers, ctx).isEmpty() || (!PSEUDO_FIELDS.contains(name) && hasPrefix(layers));
        }

        /** A group name without a node of its own ({@code mip.ext.mp}) is present when any of its fields is. */
        private boolean hasPrefix(List<Field> fields) {
            for (Field f : fields) {
                if (f.name().startsWith(name) && f.name().length() > name.length()
                        && f.name().charAt(name.length()) == '.' || hasPrefix(f.children())) {
                    return true;
                }
            }
            return false;
        }
    }

    private enum Op {
        EQ, NE, LT, LE, GT, GE, CONTAINS
    }

    private record Compare(String name, Op op, FilterValue value) implements Node {
        public boolean test(List<Field> layers, FilterContext ctx) {
            for (Object v : values(name, layers, ctx)) {
                if (op == Op.CONTAINS) {
                    if (value.containedIn(v)) {
                        return true;
                    }
                    continue;
                }
                Integer c = value.compare(v);
                if (c != null && switch (op) {
                    case EQ -> c == 0;
                    case NE -> c != 0;
                    case LT -> c < 0;
                    case LE -> c <= 0;
                    case GT -> c > 0;
                    case GE -> c >= 0;
                    default -> false;
                }) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every occurrence of {@code name} in the packet, as values (null for grouping nodes). */
    private static List<Object> values(String name, List<Field> layers, FilterContext ctx) {
        List<Object> out = new ArrayList<>(2);
        switch (name) {
            case "finding" -> {
                if (ctx.hasFinding()) {
                    out.add(null);
                }
            }
            case "tunnel.coa" -> addIfPresent(out, ctx.tunnelCareOf());
            case "tunnel.ha" -> addIfPresent(out, ctx.tunnelHomeAgent());
            default -> {
                for (Field layer : layers) {
                    for (Field f : layer.findAll(name)) {
                        out.add(f.value());
                    }
                }
            }
        }
        return out;
    }

    private static void addIfPresent(List<Object> out, String v) {
        if (v != null) {
            out.add(v);
        }
    }

    // ---- lexer and recursive-descent parser

    private enum Kind {
        WORD, STRING, OP, AND, OR, NOT, LPAREN, RPAREN, END
    }

    private record Token(Kind kind, String text, int pos) {
    }

    private static final class Parser {
        private final String src;
        private final List<Token> tokens = new ArrayList<>();
        private int i;

        Parser(String src) {
            this.src = src;
        }

        Node parse() throws FilterSyntaxException {
            lex();
            if (tokens.get(0).kind == Kind.END) {
                throw new FilterSyntaxException(0, "empty filter");
            }
            Node n = or();
            Token t = peek();
            if (t.kind != Kind.END) {
                throw new FilterSyntaxException(t.pos, t.kind == Kind.RPAREN ? "unbalanced ')'"
                        : "unexpected '" + t.text + "' (missing && or ||?)");
            }
            return n;
        }

        private Node or() throws FilterSyntaxException {
            Node n = and();
            while (peek().kind == Kind.OR) {
                i++;
                n = new Or(n, and());
            }
            return n;
        }

        private Node and() throws FilterSyntaxException {
            Node n = unary();
            while (peek().kind == Kind.AND) {
                i++;
                n = new And(n, unary());
            }
            return n;
        }

        private Node unary() throws FilterSyntaxException {
            if (peek().kind == Kind.NOT) {
                i++;
                return new Not(unary());
            }
            return primary();
        }

        private Node primary() throws FilterSyntaxException {
            Token t = next();
            switch (t.kind) {
                case LPAREN -> {
                    Node n = or();
                    Token close = next();
                    if (close.kind != Kind.RPAREN) {
                        throw new FilterSyntaxException(close.kind == Kind.END ? t.pos : close.pos,
                                close.kind == Kind.END ? "'(' is not closed" : "expected ')' but found '" + close.text + "'");
                    }
                    return n;
                }
                case WORD -> {
                    if (!t.text.matches("[A-Za-z][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*")) {
                        throw new FilterSyntaxException(t.pos, "'" + t.text + "' is not a field name");
                    }
                    String name = t.text.toLowerCase(Locale.ROOT);
                    Token op = peek();
                    if (op.kind != Kind.OP) {
                        return new Present(name);
                    }
                    i++;
                    if (name.equals("finding")) {
                        throw new FilterSyntaxException(op.pos, "'finding' takes no value (use it alone)");
                    }
                    Token v = next();
                    if (v.kind != Kind.WORD && v.kind != Kind.STRING) {
                        throw new FilterSyntaxException(v.kind == Kind.END ? src.length() : v.pos,
                                "expected a value after '" + op.text + "'");
                    }
                    FilterValue value = new FilterValue(v.text, v.kind == Kind.STRING);
                    if (!value.plausible()) {
                        throw new FilterSyntaxException(v.pos, "'" + v.text + "' is not a number, address, byte string or quoted string");
                    }
                    return new Compare(name, op(op.text), value);
                }
                case END -> throw new FilterSyntaxException(src.length(), "expected a field name or '(' at the end");
                default -> throw new FilterSyntaxException(t.pos, "expected a field name or '(' but found '" + t.text + "'");
            }
        }

        private static Op op(String s) {
            return switch (s) {
                case "==", "eq" -> Op.EQ;
                case "!=", "ne" -> Op.NE;
                case "<", "lt" -> Op.LT;
                case "<=", "le" -> Op.LE;
                case ">", "gt" -> Op.GT;
                case ">=", "ge" -> Op.GE;
                default -> Op.CONTAINS;
            };
        }

        private Token peek() {
            return tokens.get(i);
        }

        private Token next() {
            Token t = tokens.get(i);
            if (t.kind != Kind.END) {
                i++;
            }
            return t;
        }

        private void lex() throws FilterSyntaxException {
            int p = 0;
            int n = src.length();
            while (p < n) {
                char c = src.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                    continue;
                }
                int start = p;
                if (c == '(' || c == ')') {
                    tokens.add(new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), p++));
                } else if (c == '"') {
                    StringBuilder b = new StringBuilder();
                    p++;
                    while (true) {
                        if (p >= n) {
                            throw new FilterSyntaxException(start, "string is not closed");
                        }
                        char d = src.charAt(p++);
                        if (d == '"') {
                            break;
                        }
                        if (d == '\\' && p < n) {
                            d = src.charAt(p++);
                        }
                        b.append(d);
                    }
                    tokens.add(new Token(Kind.STRING, b.toString(), start));
                } else if (src.startsWith("&&", p)) {
                    tokens.add(new Token(Kind.AND, "&&", p));
                    p += 2;
                } else if (src.startsWith("||", p)) {
                    tokens.add(new Token(Kind.OR, "||", p));
                    p += 2;
                } else if (src.startsWith("==", p) || src.startsWith("!=", p) || src.startsWith("<=", p)
                        || src.startsWith(">=", p)) {
                    tokens.add(new Token(Kind.OP, src.substring(p, p + 2), p));
                    p += 2;
                } else if (c == '<' || c == '>') {
                    tokens.add(new Token(Kind.OP, String.valueOf(c), p++));
                } else if (c == '!') {
                    tokens.add(new Token(Kind.NOT, "!", p++));
                } else if (c == '=') {
                    throw new FilterSyntaxException(p, "'=' is not an operator (use ==)");
                } else if (c == '&' || c == '|') {
                    throw new FilterSyntaxException(p, "'" + c + "' is not an operator (use " + c + c + ")");
                } else if (isWordChar(c)) {
                    while (p < n && isWordChar(src.charAt(p))) {
                        p++;
                    }
                    String w = src.substring(start, p);
                    Kind k = switch (w.toLowerCase(Locale.ROOT)) {
                        case "and" -> Kind.AND;
                        case "or" -> Kind.OR;
                        case "not" -> Kind.NOT;
                        case "eq", "ne", "lt", "le", "gt", "ge", "contains" -> Kind.OP;
                        default -> Kind.WORD;
                    };
                    tokens.add(new Token(k, k == Kind.OP ? w.toLowerCase(Locale.ROOT) : w, start));
                } else {
                    throw new FilterSyntaxException(p, "unexpected character '" + c + "'");
                }
            }
            tokens.add(new Token(Kind.END, "", n));
        }

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-';
        }
    }
}
