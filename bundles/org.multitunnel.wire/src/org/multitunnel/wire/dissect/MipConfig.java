package org.multitunnel.wire.dissect;

import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipDissectors;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * Where Mobile IPv4 is found and how its draft extensions are numbered — the "Decode As" settings a user changes
 * in the preferences: the UDP ports taken for Mobile IP (the classifier's {@link MipPorts}) and the type numbers of
 * the seed drafts' Multi-Interface Routing and Multiple Tunnel Request extensions (not IANA-assigned, so captures
 * of other implementations may use other numbers). One value object builds every consumer's view of it: the
 * classifier's port set, the codec's extension registry and the dissector registry.
 *
 * @param ports        UDP ports of Mobile IPv4
 * @param mirType      extension type of the Multi-Interface Routing extension (default 124)
 * @param mtrType      extension type of the Multiple Tunnel Request extension (default 125)
 */
public record MipConfig(MipPorts ports, int mirType, int mtrType) {
    public MipConfig {
        if (ports == null) {
            throw new IllegalArgumentException("ports are required");
        }
        if (mirType < 0 || mirType > 255 || mtrType < 0 || mtrType > 255 || mirType == mtrType) {
            throw new IllegalArgumentException("draft extension types must be two different numbers 0-255, not "
                    + mirType + " and " + mtrType);
        }
    }

    /** UDP 434 and 4434 ({@link MipPorts#DEFAULT}) and the drafts' default numbers: every tool's default. */
    public static MipConfig defaults() {
        return new MipConfig(MipPorts.DEFAULT, ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING,
                ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST);
    }

    public boolean isDefault() {
        return equals(defaults());
    }

    /** This configuration with {@code more} ports added (e.g. a capture file's); {@code this} if none is new. */
    public MipConfig withMorePorts(java.util.Collection<Integer> more) {
        MipPorts p = ports.plus(more);
        return p == ports ? this : new MipConfig(p, mirType, mtrType);
    }

    /** This configuration with exactly {@code p} as its ports. */
    public MipConfig withPorts(MipPorts p) {
        return new MipConfig(p, mirType, mtrType);
    }

    /** A fresh extension registry with the draft extensions moved to this configuration's numbers. */
    public ExtensionRegistry extensions() {
        ExtensionRegistry r = ExtensionRegistry.defaults();
        if (mirType != ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING) {
            r.unregister(ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING);
        }
        if (mtrType != ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST) {
            r.unregister(ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST);
        }
        if (mirType != ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING) {
            r.unregister(mirType);
            MultiInterfaceRoutingExtension.register(r, mirType);
        }
        if (mtrType != ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST) {
            r.unregister(mtrType);
            MultipleTunnelRequestExtension.register(r, mtrType);
        }
        return r;
    }

    /** A codec decoding with {@link #extensions()}. */
    public MipCodec codec() {
        return new MipCodec(extensions());
    }

    /** The standard dissector registry with Mobile IPv4 (this codec) on exactly this configuration's ports. */
    public DissectorRegistry dissectorRegistry() {
        DissectorRegistry r = PacketDissector.standardRegistry();
        if (isDefault()) {
            return r;
        }
        for (int port : MipPorts.DEFAULT.list()) {
            r.unregister(DissectorRegistry.UDP_PORT, port);
        }
        MipDissectors.register(r, ports, codec());
        return r;
    }

    /** A dissector for this configuration. */
    public PacketDissector dissector() {
        return new PacketDissector(dissectorRegistry());
    }
}
