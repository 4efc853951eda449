package org.multitunnel.analysis.filter.internal;

import java.util.regex.Pattern;

/**
 * A test of a compiled filter: the logical operators, existence, and the comparisons with Wireshark's meaning for
 * fields that occur several times — {@code ==} any occurrence equal, {@code !=} every occurrence different (and the
 * field present), {@code ===} all equal, {@code !==}/{@code ~=} some occurrence different; {@code any}/{@code all}
 * in front of a comparison choose "some" or "every" explicitly.
 */
interface Node {
    boolean test(Evaluator e);

    /** How many occurrences must satisfy a comparison. */
    enum Quant {
        ANY, ALL
    }

    enum Op {
        EQ, NE, ALL_EQ, ANY_NE, LT, LE, GT, GE;

        static Op of(String symbol) {
            return switch (symbol) {
                case "==" -> EQ;
                case "!=" -> NE;
                case "===" -> ALL_EQ;
                case "!==" -> ANY_NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                default -> GE;
            };
        }

        boolean ordering() {
            return this == LT || this == LE || this == GT || this == GE;
        }

        /** The occurrence test behind this operator (NE tests "different", counted over all occurrences). */
        boolean holds(int c) {
            return switch (this) {
                case EQ, ALL_EQ -> c == 0;
                case NE, ANY_NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
        }

        /** The quantifier an operator implies unless any/all says otherwise. */
        Quant quant() {
            return this == NE || this == ALL_EQ ? Quant.ALL : Quant.ANY;
        }
    }

    record And(Node a, Node b) implements Node {
        public boolean test(Evaluator e) {
            return a.test(e) && b.test(e);
        }
    }

    record Or(Node a, Node b) implements Node {
        public boolean test(Evaluator e) {
            return a.test(e) || b.test(e);
        }
    }

    record Not(Node a) implements Node {
        public boolean test(Evaluator e) {
            return !a.test(e);
        }
    }

    /** A field or protocol alone: present at least once (a bit mask alone: some occurrence non-zero). */
    record Exists(Operand x) implements Node {
        public boolean test(Evaluator e) {
            Values v = x.values(e);
            if (x instanceof Operand.BytesMask) {
                for (int i = 0; i < v.n; i++) {
                    if (Operand.BytesMask.anySet(v, i)) {
                        return true;
                    }
                }
                return false;
            }
            if (x instanceof Operand.Mask) {
                for (int i = 0; i < v.n; i++) {
                    if (v.num[i] != 0) {
                        return true;
                    }
                }
                return false;
            }
            return v.n > 0;
        }
    }

    record CompareConst(Operand x, Op op, Quant q, Constant c) implements Node {
        public boolean test(Evaluator e) {
            Values v = x.values(e);
            boolean all = q == Quant.ALL;
            boolean ordering = op.ordering();
            boolean wantEqual = op == Op.EQ || op == Op.ALL_EQ;
            for (int i = 0; i < v.n; i++) {
                boolean pass = ordering ? op.holds(Compare.cmp(v, i, c)) : Compare.eq(v, i, c) == wantEqual;
                if (pass != all) {
                    return pass; // ANY: the first pass decides; ALL: the first failure does
                }
            }
            return all && v.n > 0;
        }
    }

    /** field OP field: every pair of occurrences is a candidate (any pair for ==, every pair for !=). */
    record CompareOperands(Operand x, Op op, Quant q, Operand y) implements Node {
        public boolean test(Evaluator e) {
            Values a = x.values(e);
            Values b = y.values(e);
            if (a.n == 0 || b.n == 0) {
                return false;
            }
            boolean any = q == Quant.ANY;
            for (int i = 0; i < a.n; i++) {
                for (int j = 0; j < b.n; j++) {
                    boolean pass = op.holds(Compare.cmp(a, i, b, j));
                    if (pass == any) {
                        return any;
                    }
                }
            }
            return !any;
        }
    }

    /**
     * x in {a, b, c..d}: some occurrence is one of the elements (ranges inclusive). With {@code all}, as tshark 4.0
     * evaluates it: every occurrence matches one and the same element ({@code all ip.addr in {10.0.0.0/8}}).
     */
    record InSet(Operand x, Quant q, Constant[] elements) implements Node {
        public boolean test(Evaluator e) {
            Values v = x.values(e);
            if (q == Quant.ALL) {
                for (Constant c : elements) {
                    boolean every = v.n > 0;
                    for (int i = 0; i < v.n && every; i++) {
                        every = member(v, i, c);
                    }
                    if (every) {
                        return true;
                    }
                }
                return false;
            }
            for (int i = 0; i < v.n; i++) {
                for (Constant c : elements) {
                    if (member(v, i, c)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean member(Values v, int i, Constant c) {
            return c.upper == null ? Compare.eq(v, i, c)
                    : Compare.cmp(v, i, c) >= 0 && Compare.cmp(v, i, c.upper) <= 0;
        }
    }

    record Contains(Operand x, Quant q, Constant c) implements Node {
        public boolean test(Evaluator e) {
            Values v = x.values(e);
            boolean all = q == Quant.ALL;
            for (int i = 0; i < v.n; i++) {
                boolean pass = Compare.contains(v, i, c);
                if (pass != all) {
                    return pass;
                }
            }
            return all && v.n > 0;
        }
    }

    record Matches(Operand x, Quant q, Pattern p) implements Node {
        public boolean test(Evaluator e) {
            Values v = x.values(e);
            boolean all = q == Quant.ALL;
            for (int i = 0; i < v.n; i++) {
                boolean pass = Compare.matches(v, i, p);
                if (pass != all) {
                    return pass;
                }
            }
            return all && v.n > 0;
        }
    }
}
