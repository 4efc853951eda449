package org.multitunnel.capture;

import java.util.List;

/**
 * An interface a capture was taken on: pcap files have exactly one (from the file header), pcapng files one per
 * Interface Description Block, numbered across all sections in file order. Packets refer to it by {@code id}.
 *
 * @param id          index in {@link CaptureFile#interfaces()} (global over all sections)
 * @param section     0-based pcapng section the interface belongs to (always 0 for pcap)
 * @param linkType    LINKTYPE_* value (e.g. 1 Ethernet, 101 raw IP)
 * @param snapLength  snapshot length, 0 meaning unlimited
 * @param tsResolution pcapng if_tsresol byte (6 = µs, 9 = ns, 0x80|n = 2^-n s); pcap: 6 or 9
 * @param tsOffsetSeconds pcapng if_tsoffset, added to every timestamp of this interface
 * @param name        if_name option, or empty
 * @param mipPorts    UDP ports the file itself says carry Mobile IPv4 on this interface: the
 *                    {@code multitunnel:decode-as udp.port==N,mip} comments of its section header and of its own
 *                    description block (see {@link org.multitunnel.wire.dissect.DecodeAs}); empty for pcap files
 *                    and for pcapng files of other tools
 */
public record CaptureInterface(int id, int section, int linkType, int snapLength, int tsResolution,
        long tsOffsetSeconds, String name, List<Integer> mipPorts) {
    public CaptureInterface {
        mipPorts = List.copyOf(mipPorts);
    }

    /** An interface whose file records no Decode As ports. */
    public CaptureInterface(int id, int section, int linkType, int snapLength, int tsResolution, long tsOffsetSeconds,
            String name) {
        this(id, section, linkType, snapLength, tsResolution, tsOffsetSeconds, name, List.of());
    }
}
