package org.multitunnel.wire.dissect;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.ip.IcmpDissector;
import org.multitunnel.wire.ip.Ipv4Dissector;
import org.multitunnel.wire.ip.Ipv6Dissector;
import org.multitunnel.wire.ip.Ipv6ExtensionDissector;
import org.multitunnel.wire.ip.TcpDissector;
import org.multitunnel.wire.ip.UdpDissector;
import org.multitunnel.wire.link.CiscoMetadataDissector;
import org.multitunnel.wire.link.EthernetDissector;
import org.multitunnel.wire.link.MplsDissector;
import org.multitunnel.wire.link.NullDissector;
import org.multitunnel.wire.link.RawIpDissector;
import org.multitunnel.wire.link.SllDissector;
import org.multitunnel.wire.link.VlanDissector;
import org.multitunnel.wire.mip.MipDissectors;
import org.multitunnel.wire.mip6.MobilityHeader;
import org.multitunnel.wire.mip6.MobilityHeaderDissector;
import org.multitunnel.wire.mip6.MobilityMessageDissectors;
import org.multitunnel.wire.mip6.MobilityOptionDissectors;
import org.multitunnel.wire.tunnel.ErspanDissector;
import org.multitunnel.wire.tunnel.GreDissector;
import org.multitunnel.wire.tunnel.MinimalEncapsulationDissector;
import org.multitunnel.wire.tunnel.WccpRedirectDissector;

/**
 * The one entry point that turns a captured frame into a field tree: picks the link-layer dissector by pcap link
 * type and lets the registry carry the dissection down through IP, tunnels and Mobile IP. It never throws: typed
 * decode errors become {@code _ws.malformed} layers (see {@link DissectContext}), and anything else a buggy
 * dissector might throw is caught and reported in {@link Dissection#internalError()}.
 */
public final class PacketDissector {
    /** The UDP port Mobile IPv4 registration uses (RFC 5944 §3.1). */
    public static final int MIP_PORT = 434;

    private final DissectorRegistry registry;

    public PacketDissector() {
        this(standardRegistry());
    }

    public PacketDissector(DissectorRegistry registry) {
        this.registry = registry;
    }

    public DissectorRegistry registry() {
        return registry;
    }

    /**
     * A fresh registry with every dissector of this bundle, Mobile IPv4 on the default "Decode As" ports
     * ({@link MipPorts#DEFAULT}: UDP 434 and the reference agents' 4434).
     */
    public static DissectorRegistry standardRegistry() {
        DissectorRegistry r = new DissectorRegistry();
        r.register(DissectorRegistry.LINKTYPE, LinkTypes.NULL, new NullDissector(false))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.LOOP, new NullDissector(true))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.ETHERNET, new EthernetDissector())
                .register(DissectorRegistry.LINKTYPE, LinkTypes.LINUX_SLL, SllDissector.v1())
                .register(DissectorRegistry.LINKTYPE, LinkTypes.LINUX_SLL2, SllDissector.v2())
                .register(DissectorRegistry.LINKTYPE, LinkTypes.RAW, new RawIpDissector(0))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.RAW_12, new RawIpDissector(0))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.RAW_14, new RawIpDissector(0))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.IPV4, new RawIpDissector(4))
                .register(DissectorRegistry.LINKTYPE, LinkTypes.IPV6, new RawIpDissector(6));
        Ipv4Dissector ipv4 = new Ipv4Dissector();
        Ipv6Dissector ipv6 = new Ipv6Dissector();
        VlanDissector vlan = new VlanDissector();
        r.register(DissectorRegistry.ETHERTYPE, 0x0800, ipv4)
                .register(DissectorRegistry.ETHERTYPE, 0x86dd, ipv6)
                .register(DissectorRegistry.ETHERTYPE, 0x8100, vlan)
                .register(DissectorRegistry.ETHERTYPE, 0x88a8, vlan)
                .register(DissectorRegistry.ETHERTYPE, 0x6558, new EthernetDissector())
                .register(DissectorRegistry.ETHERTYPE, 0x8847, new MplsDissector())
                .register(DissectorRegistry.ETHERTYPE, 0x8848, new MplsDissector())
                .register(DissectorRegistry.ETHERTYPE, 0x8909, new CiscoMetadataDissector(false))
                .register(GreDissector.GRE_PROTO_TABLE, 0x8909, new CiscoMetadataDissector(true))
                .register(GreDissector.GRE_PROTO_TABLE, 0x88be, new ErspanDissector())
                .register(GreDissector.GRE_PROTO_TABLE, 0x883e, new WccpRedirectDissector());
        r.register(DissectorRegistry.IP_PROTO, 1, new IcmpDissector())
                .register(DissectorRegistry.IP_PROTO, 4, ipv4) // IP in IP, RFC 2003
                .register(DissectorRegistry.IP_PROTO, 6, new TcpDissector())
                .register(DissectorRegistry.IP_PROTO, 17, new UdpDissector())
                .register(DissectorRegistry.IP_PROTO, 41, ipv6) // IPv6 in IPv4 (RFC 4213) and IPv6 in IPv6
                .register(DissectorRegistry.IP_PROTO, 47, new GreDissector())
                .register(DissectorRegistry.IP_PROTO, 55, new MinimalEncapsulationDissector())
                .register(DissectorRegistry.IP_PROTO, MobilityHeader.PROTOCOL, new MobilityHeaderDissector())
                // The MIPv6 drafts before RFC 3775 used next header 62; tcpdump and Wireshark still dissect it.
                .register(DissectorRegistry.IP_PROTO, MobilityHeader.OLD_DRAFT_PROTOCOL, new MobilityHeaderDissector());
        for (Ipv6ExtensionDissector x : List.of(Ipv6ExtensionDissector.hopByHop(), Ipv6ExtensionDissector.routing(),
                Ipv6ExtensionDissector.fragment(), Ipv6ExtensionDissector.destinationOptions())) {
            r.register(DissectorRegistry.IP_PROTO, x.protocol(), x);
        }
        MobilityMessageDissectors.register(r);
        MobilityOptionDissectors.register(r);
        registerMobileIpv4(r);
        return r;
    }

    /**
     * The Mobile IPv4 registration codec (package org.multitunnel.wire.mip, written separately) registers itself on
     * UDP 434 (RFC 5944 §3.1) and the reference agents' 4434; it also handles RFC 3519 tunnel data (message type 4)
     * on those ports.
     */
    private static void registerMobileIpv4(DissectorRegistry r) {
        MipDissectors.register(r, MipPorts.DEFAULT);
    }

    /** The layers of one frame ({@code frame}'s position to limit). Never throws. */
    public List<Field> dissect(int linkType, ByteBuffer frame) {
        return dissectFull(linkType, frame).layers();
    }

    /** Layers and errors of one frame ({@code frame}'s position to limit). Never throws. */
    public Dissection dissectFull(int linkType, ByteBuffer frame) {
        DissectContext ctx = new DissectContext(registry);
        int off = frame.position();
        int len = frame.remaining();
        RuntimeException internal = null;
        try {
            if (!ctx.next(DissectorRegistry.LINKTYPE, linkType, frame, off, len) && len > 0) {
                ctx.errors().add(DecodeException.malformed(off, "unsupported link type " + linkType));
            }
        } catch (RuntimeException e) {
            internal = e;
            ctx.errors().add(DecodeException.malformed(off, "internal dissector error: " + e));
        } catch (StackOverflowError e) {
            internal = new IllegalStateException("dissection recursed too deep", e);
        }
        return new Dissection(ctx.layers(), ctx.errors(), internal);
    }
}
