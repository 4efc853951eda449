package org.multitunnel.wire.mip.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simple in-memory {@link KeyTable}: an association bound to a peer wins over one added for any peer
 * (peer null) with the same SPI.
 */
public final class MapKeyTable implements KeyTable {
    private final Map<String, SecurityAssociation> entries = new ConcurrentHashMap<>();

    private static String key(long spi, String peer) {
        return (spi & 0xffffffffL) + "@" + (peer == null ? "*" : peer);
    }

    public MapKeyTable add(SecurityAssociation sa) {
        entries.put(key(sa.spi(), sa.peer()), sa);
        return this;
    }

    @Override
    public SecurityAssociation lookup(long spi, String peer) {
        SecurityAssociation sa = peer == null ? null : entries.get(key(spi, peer));
        return sa != null ? sa : entries.get(key(spi, null));
    }

    @Override
    public String toString() {
        return "MapKeyTable(" + entries.size() + " associations)";
    }
}
