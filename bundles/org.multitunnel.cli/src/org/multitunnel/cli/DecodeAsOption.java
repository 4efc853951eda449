package org.multitunnel.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.dissect.DecodeAs;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;

/**
 * The Decode As options of every command that reads a capture (decode, analyze, replay, bench), taken out of the
 * argument list before the command parses its own, so each command gains them with one call and the option syntax
 * lives in one place:
 * <ul>
 * <li>{@code -d udp.port==N,mip} — Wireshark's spelling, also glued ({@code -dudp.port==N,mip}); every form tshark
 * accepts for it ({@link DecodeAs#parse});</li>
 * <li>{@code --decode-as udp.port==N,mip} (or {@code --decode-as=…}) — the same, spelled out;</li>
 * <li>{@code --mip-port N} (or {@code --mip-port=N}) — just the port, a range {@code N-M} or {@code N:COUNT}.</li>
 * </ul>
 * All are repeatable and add to the default ports (434 and 4434); ports a pcapng file records for itself are
 * added by the readers ({@code DecodeAsResolver}). A malformed value is a usage error naming the option and value.
 */
final class DecodeAsOption {
    /** The help lines every reading command appends to its usage (two-space indent, like the commands' own). */
    static final String HELP = """
              -d udp.port==N,mip       also decode UDP port N as Mobile IP, as Wireshark's Decode As does
                                       (repeatable; N may be a range 4434-4436 or start:count 4434:3);
                                       same as --decode-as udp.port==N,mip and --mip-port N. UDP 434 and
                                       4434 are always Mobile IP, and so are the ports a pcapng file written
                                       by this product records for itself (docs/decode-as.md)
            """;

    /** What the command still has to parse, and the Decode As setting the options give. */
    record Parsed(List<String> rest, MipConfig config, List<DecodeAs> entries) {
        /** The ports the options added, in order (empty without options). */
        List<Integer> ports() {
            return DecodeAs.ports(entries);
        }
    }

    private DecodeAsOption() {
    }

    /** Takes the Decode As options out of {@code args} (defaults: 434 and 4434); warnings go to {@code err}. */
    static Parsed extract(List<String> args, PrintStream err) throws UsageException {
        List<String> rest = new ArrayList<>(args.size());
        List<DecodeAs> entries = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-d") || a.equals("--decode-as") || a.equals("--mip-port")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value, e.g. " + a
                            + (a.equals("--mip-port") ? " 4435" : " udp.port==4435,mip"));
                }
                entries.add(entry(a, args.get(++i), err));
            } else if (a.startsWith("-d") && !a.startsWith("--")) {
                entries.add(entry("-d", a.substring(2), err));
            } else if (a.startsWith("--decode-as=")) {
                entries.add(entry("--decode-as", a.substring("--decode-as=".length()), err));
            } else if (a.startsWith("--mip-port=")) {
                entries.add(entry("--mip-port", a.substring("--mip-port=".length()), err));
            } else {
                rest.add(a);
            }
        }
        MipConfig config = MipConfig.defaults().withMorePorts(DecodeAs.ports(entries));
        return new Parsed(rest, config, List.copyOf(entries));
    }

    /** "434, 4434, 4435" — or the first eight and how many more, for messages. */
    static String describe(MipPorts ports) {
        List<Integer> l = ports.list();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(8, l.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(l.get(i));
        }
        return l.size() > 8 ? b + " and " + (l.size() - 8) + " more" : b.toString();
    }

    private static DecodeAs entry(String option, String value, PrintStream err) throws UsageException {
        String text = option.equals("--mip-port") ? DecodeAs.LAYER_TYPE + "==" + value.strip() + "," + DecodeAs.PROTOCOL
                : value;
        try {
            DecodeAs d = DecodeAs.parse(text);
            if (!option.equals("--mip-port") && DecodeAs.usesSingleEquals(value)) {
                err.println("warning: " + option + " wants \"==\" instead of \"=\"; read as " + d);
            }
            return d;
        } catch (IllegalArgumentException e) {
            String why = option.equals("--mip-port")
                    ? "'" + value + "' is not a UDP port (1-65535), a range N-M or N:COUNT"
                    : e.getMessage();
            throw new UsageException(option + ": " + why);
        }
    }
}
