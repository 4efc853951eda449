package org.multitunnel.wire.ip;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the body of an ICMP Router Advertisement that carries Mobile IP agent advertisement extensions
 * (RFC 5944 §2.1): the RFC 1256 router list, the Mobility Agent Advertisement extension (type 16: sequence number,
 * registration lifetime, flags R B H F M G r T / U X I, care-of addresses) and optionally the Prefix-Lengths
 * extension (type 19). Lengths are computed unless {@link #fixLengths(boolean)} is switched off.
 */
public final class AgentAdvertisement {
    /** Flag bits of the 16-bit flags/reserved word after the registration lifetime (RFC 5944 §2.1.1). */
    public static final int R = 0x8000, B = 0x4000, H = 0x2000, F = 0x1000, M = 0x0800, G = 0x0400,
            RESERVED_R = 0x0200, T = 0x0100, U = 0x0080, X = 0x0040, I = 0x0020;
    public static final int EXT_MOBILITY_AGENT = 16;
    public static final int EXT_PREFIX_LENGTHS = 19;

    private final List<int[]> routers = new ArrayList<>();
    private final List<Integer> careOfAddresses = new ArrayList<>();
    private int lifetime = 1800;
    private int sequence;
    private int registrationLifetime = 0xffff;
    private int flags;
    private int[] prefixLengths;
    private boolean fixLengths = true;
    private int numAddrs = -1;
    private int agentExtLength = -1;

    public AgentAdvertisement router(int address, int preference) {
        routers.add(new int[] {address, preference});
        return this;
    }

    public AgentAdvertisement lifetime(int seconds) { lifetime = seconds; return this; }
    public AgentAdvertisement sequence(int v) { sequence = v; return this; }
    public AgentAdvertisement registrationLifetime(int v) { registrationLifetime = v; return this; }
    public AgentAdvertisement flags(int v) { flags = v; return this; }
    public AgentAdvertisement careOf(int address) { careOfAddresses.add(address); return this; }
    public AgentAdvertisement prefixLengths(int... lengths) { prefixLengths = lengths.clone(); return this; }
    public AgentAdvertisement fixLengths(boolean on) { fixLengths = on; return this; }
    /** Used only with fixLengths(false). */
    public AgentAdvertisement numAddrs(int v) { numAddrs = v; return this; }
    /** Used only with fixLengths(false). */
    public AgentAdvertisement agentExtensionLength(int v) { agentExtLength = v; return this; }

    /** The ICMP body after type/code/checksum. */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(fixLengths ? routers.size() : numAddrs);
        out.write(2); // address entry size in 32-bit words (RFC 1256 §3)
        out.write(lifetime >>> 8);
        out.write(lifetime);
        for (int[] r : routers) {
            writeInt(out, r[0]);
            writeInt(out, r[1]);
        }
        out.write(EXT_MOBILITY_AGENT);
        out.write(fixLengths ? 6 + 4 * careOfAddresses.size() : agentExtLength);
        out.write(sequence >>> 8);
        out.write(sequence);
        out.write(registrationLifetime >>> 8);
        out.write(registrationLifetime);
        out.write(flags >>> 8);
        out.write(flags);
        for (int coa : careOfAddresses) {
            writeInt(out, coa);
        }
        if (prefixLengths != null) {
            out.write(EXT_PREFIX_LENGTHS);
            out.write(prefixLengths.length);
            for (int p : prefixLengths) {
                out.write(p);
            }
        }
        return out.toByteArray();
    }

    /** The whole ICMP type 9 message, checksum computed. */
    public byte[] build() {
        return IcmpMessage.builder().type(9).code(0).body(body()).build();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
