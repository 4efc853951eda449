package org.multitunnel.analysis.filter;

/**
 * What a display filter needs to know about a packet beyond its dissection: the pseudo-fields {@code finding}
 * (the analysis reported a finding at this packet) and {@code tunnel.coa} / {@code tunnel.ha} (the outer endpoints
 * of tunnelled data). The caller implements it per packet, since only it knows the analysis results.
 */
public interface FilterContext {
    /** A context for packets with no finding and no tunnel. */
    FilterContext NONE = new FilterContext() {
        @Override
        public boolean hasFinding() {
            return false;
        }

        @Override
        public String tunnelCareOf() {
            return null;
        }

        @Override
        public String tunnelHomeAgent() {
            return null;
        }
    };

    /** True when the analysis reported a finding at this packet. */
    boolean hasFinding();

    /** The care-of side outer address of tunnelled data (IPv4/IPv6 text), or null when not tunnelled. */
    String tunnelCareOf();

    /** The home-agent side outer address of tunnelled data (IPv4/IPv6 text), or null when not tunnelled. */
    String tunnelHomeAgent();

    /** A fixed context (tests, simple callers). */
    static FilterContext of(boolean finding, String careOf, String homeAgent) {
        return new FilterContext() {
            @Override
            public boolean hasFinding() {
                return finding;
            }

            @Override
            public String tunnelCareOf() {
                return careOf;
            }

            @Override
            public String tunnelHomeAgent() {
                return homeAgent;
            }
        };
    }
}
