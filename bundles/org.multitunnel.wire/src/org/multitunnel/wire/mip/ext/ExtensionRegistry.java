package org.multitunnel.wire.mip.ext;

import java.util.HashMap;
import java.util.Map;

/**
 * Which framing and which decoder each extension type (and, for subtyped types, each subtype) uses. Protocol
 * knowledge is registered data rather than a switch, so the draft extensions' type numbers are just preferences:
 * {@code registry.register(...)} at another number and the codec follows. Unregistered types decode as
 * {@link RawExtension} in short framing (as Wireshark does), unless a framing was registered for them.
 */
public final class ExtensionRegistry {
    private final Map<Integer, ExtensionFormat> formats = new HashMap<>();
    private final Map<Integer, ExtensionDecoder> byType = new HashMap<>();
    private final Map<Long, ExtensionDecoder> bySubtype = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Long, String> subtypeNames = new HashMap<>();

    /** An empty registry: every extension decodes raw in short framing. */
    public ExtensionRegistry() {
    }

    /** A new registry with every extension this codec knows, the draft ones at their default numbers. */
    public static ExtensionRegistry defaults() {
        ExtensionRegistry r = new ExtensionRegistry();
        AuthExtension.register(r);
        GeneralizedAuthExtension.register(r);
        VendorExtension.register(r);
        UdpTunnelReplyExtension.register(r);
        UdpTunnelRequestExtension.register(r);
        NaiExtension.register(r);
        RevocationSupportExtension.register(r);
        DynamicHaExtension.register(r);
        MessageStringExtension.register(r);
        r.framing(ExtensionTypes.PMIPV4_NON_SKIPPABLE, ExtensionFormat.LONG, "Proxy Mobile IPv4 Non-skippable Extension");
        r.framing(ExtensionTypes.MULTIPATH, ExtensionFormat.LONG, "Multipath Extension");
        MultipathExtension.register(r);
        FlowBindingExtension.register(r);
        MultiInterfaceRoutingExtension.register(r, ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING);
        MultipleTunnelRequestExtension.register(r, ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST);
        return r;
    }

    private static long key(int type, int subtype) {
        return ((long) type << 32) | (subtype & 0xffffffffL);
    }

    /** Declares the framing (and display name) of {@code type} without a decoder (its body then stays raw). */
    public synchronized ExtensionRegistry framing(int type, ExtensionFormat format, String name) {
        formats.put(type, format);
        names.put(type, name);
        return this;
    }

    public synchronized ExtensionRegistry register(int type, ExtensionFormat format, String name, ExtensionDecoder d) {
        framing(type, format, name);
        byType.put(type, d);
        return this;
    }

    /** A decoder for one subtype of a subtyped type; the type's framing must be declared too. */
    public synchronized ExtensionRegistry registerSubtype(int type, int subtype, String name, ExtensionDecoder d) {
        bySubtype.put(key(type, subtype), d);
        subtypeNames.put(key(type, subtype), name);
        return this;
    }

    /** Forgets everything registered for {@code type}, e.g. before moving a draft extension to another number. */
    public synchronized ExtensionRegistry unregister(int type) {
        formats.remove(type);
        byType.remove(type);
        names.remove(type);
        bySubtype.keySet().removeIf(k -> (int) (k >>> 32) == type);
        subtypeNames.keySet().removeIf(k -> (int) (k >>> 32) == type);
        return this;
    }

    public synchronized ExtensionFormat format(int type) {
        return formats.getOrDefault(type, ExtensionFormat.SHORT);
    }

    /** The decoder for (type, subtype): the subtype-specific one first, then the type's; null when unknown. */
    public synchronized ExtensionDecoder decoder(int type, int subtype) {
        ExtensionDecoder d = subtype >= 0 ? bySubtype.get(key(type, subtype)) : null;
        return d != null ? d : byType.get(type);
    }

    /** Whether a receiver using this registry understands (type, subtype). */
    public synchronized boolean known(int type, int subtype) {
        return decoder(type, subtype) != null;
    }

    public synchronized String name(int type, int subtype) {
        String n = subtype >= 0 ? subtypeNames.get(key(type, subtype)) : null;
        return n != null ? n : names.get(type);
    }
}
