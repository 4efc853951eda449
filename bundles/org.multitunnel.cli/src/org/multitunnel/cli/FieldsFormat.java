package org.multitunnel.cli;

import java.util.List;

/**
 * tshark's {@code -E} settings for {@code -T fields}: {@code header=y|n}, {@code separator=/t|/s|CHAR},
 * {@code occurrence=f|l|a}, {@code aggregator=,|/s|CHAR}, {@code quote=d|s|n}, {@code escape=y|n}, with tshark's
 * defaults (no header, tab, all occurrences joined by ',', no quotes, escaping on). Immutable.
 */
record FieldsFormat(boolean header, String separator, char occurrence, String aggregator, char quote,
        boolean escape) {
    static final FieldsFormat TSHARK = new FieldsFormat(false, "\t", 'a', ",", 'n', true);

    /** The format after applying each {@code -E KEY=VALUE} in order. */
    static FieldsFormat parse(List<String> settings) throws UsageException {
        FieldsFormat f = TSHARK;
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-E wants KEY=VALUE (header, separator, occurrence, aggregator, quote, "
                        + "escape), not '" + s + "'");
            }
            String key = s.substring(0, eq);
            String v = s.substring(eq + 1);
            f = switch (key) {
                case "header" -> new FieldsFormat(yesNo(key, v), f.separator, f.occurrence, f.aggregator, f.quote,
                        f.escape);
                case "separator" -> new FieldsFormat(f.header, text(key, v), f.occurrence, f.aggregator, f.quote,
                        f.escape);
                case "occurrence" -> new FieldsFormat(f.header, f.separator, oneOf(key, v, "fla"), f.aggregator,
                        f.quote, f.escape);
                case "aggregator" -> new FieldsFormat(f.header, f.separator, f.occurrence, text(key, v), f.quote,
                        f.escape);
                case "quote" -> new FieldsFormat(f.header, f.separator, f.occurrence, f.aggregator,
                        oneOf(key, v, "dsn"), f.escape);
                case "escape" -> new FieldsFormat(f.header, f.separator, f.occurrence, f.aggregator, f.quote,
                        yesNo(key, v));
                default -> throw new UsageException("-E " + s + ": unknown setting '" + key
                        + "' (header, separator, occurrence, aggregator, quote, escape)");
            };
        }
        return f;
    }

    /** One cell: the occurrences chosen by {@link #occurrence}, joined, escaped and quoted. */
    String cell(List<String> values) {
        String joined;
        if (values.isEmpty()) {
            joined = "";
        } else if (occurrence == 'f') {
            joined = escaped(values.get(0));
        } else if (occurrence == 'l') {
            joined = escaped(values.get(values.size() - 1));
        } else {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                b.append(i == 0 ? "" : aggregator).append(escaped(values.get(i)));
            }
            joined = b.toString();
        }
        return switch (quote) {
            case 'd' -> '"' + joined + '"';
            case 's' -> '\'' + joined + '\'';
            default -> joined;
        };
    }

    private String escaped(String v) {
        if (!escape) {
            return v;
        }
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static boolean yesNo(String key, String v) throws UsageException {
        return switch (v) {
            case "y" -> true;
            case "n" -> false;
            default -> throw new UsageException("-E " + key + "= wants y or n, not '" + v + "'");
        };
    }

    private static char oneOf(String key, String v, String allowed) throws UsageException {
        if (v.length() != 1 || allowed.indexOf(v.charAt(0)) < 0) {
            throw new UsageException("-E " + key + "= wants one of " + String.join("|", allowed.split(""))
                    + ", not '" + v + "'");
        }
        return v.charAt(0);
    }

    /** {@code /t} tab, {@code /s} space, else the text itself (tshark takes one character; any text is allowed). */
    private static String text(String key, String v) throws UsageException {
        if (v.isEmpty()) {
            throw new UsageException("-E " + key + "= wants /t, /s or a character");
        }
        return switch (v) {
            case "/t" -> "\t";
            case "/s" -> " ";
            default -> v;
        };
    }
}
