package org.multitunnel.wire.mip;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every display-filter name the Mobile IPv4 dissector emits, in one place, so that {@code docs/fields.md} can be
 * checked against the code by a test. Names are Wireshark's ({@code epan/dissectors/packet-mip.c}) where Wireshark
 * has the field; the {@code mip.ext.mp/fb/mir/mtr/...} names extend the same scheme for what it lacks.
 */
public final class MipFields {
    private MipFields() {
    }

    public static final String PROTO = "mip";
    // fixed part (Wireshark names)
    public static final String TYPE = "mip.type";
    public static final String FLAGS = "mip.flags";
    public static final String S = "mip.s";
    public static final String B = "mip.b";
    public static final String D = "mip.d";
    public static final String M = "mip.m";
    public static final String G = "mip.g";
    /** The 0x04 bit: Wireshark's historical "Van Jacobson" name; RFC 5944 calls it r (reserved). */
    public static final String V = "mip.v";
    public static final String T = "mip.t";
    public static final String X = "mip.x";
    public static final String CODE = "mip.code";
    public static final String LIFE = "mip.life";
    public static final String HOMEADDR = "mip.homeaddr";
    public static final String HAADDR = "mip.haaddr";
    public static final String COA = "mip.coa";
    public static final String IDENT = "mip.ident";
    // RFC 3543 revocation (Wireshark names; tshark 4.0 calls the 16-bit flags word mip.flags2)
    public static final String FLAGS2 = "mip.flags2";
    public static final String REV_RESERVED = "mip.rev.reserved";
    public static final String REV_A = "mip.rev.a";
    public static final String REV_I = "mip.rev.i";
    public static final String REV_RESERVED2 = "mip.rev.reserved2";
    public static final String REV_HDA = "mip.rev.hda";
    public static final String REV_FDA = "mip.rev.fda";
    public static final String REVID = "mip.revid";
    public static final String ACK_RESERVED = "mip.ack.reserved";
    public static final String ACK_I = "mip.ack.i";
    public static final String ACK_RESERVED2 = "mip.ack.reserved2";
    // RFC 3519 tunnel data (Wireshark names)
    public static final String NATTT_NEXTHDR = "mip.nattt.nexthdr";
    public static final String NATTT_RESERVED = "mip.nattt.reserved";
    /** Body of a message type this codec does not know. */
    public static final String PAYLOAD = "mip.payload";
    // extensions, common
    public static final String EXT = "mip.ext";
    public static final String EXT_TYPE = "mip.ext.type";
    public static final String EXT_SUBTYPE = "mip.ext.subtype";
    public static final String EXT_LEN = "mip.ext.len";
    /** Undissected extension data (Wireshark's name for it). */
    public static final String EXTENSION = "mip.extension";
    /** Bytes inside an extension's declared length beyond its parsed structure. */
    public static final String EXT_TRAILING = "mip.ext.trailing";
    // authentication (Wireshark names)
    public static final String AUTH_SUBTYPE = "mip.ext.auth.subtype";
    public static final String AUTH_SPI = "mip.auth.spi";
    public static final String AUTH_AUTH = "mip.auth.auth";
    public static final String NAI = "mip.nai";
    // RFC 3543 revocation support extension (Wireshark names)
    public static final String REXT_FLAGS = "mip.ext.rev.flags";
    public static final String REXT_I = "mip.ext.rev.i";
    public static final String REXT_RESERVED = "mip.ext.rev.reserved";
    public static final String REXT_TSTAMP = "mip.ext.rev.tstamp";
    // RFC 4433 dynamic HA, message string (Wireshark names)
    public static final String DYNHA_SUBTYPE = "mip.ext.dynha.subtype";
    public static final String DYNHA_HA = "mip.ext.dynha.ha";
    public static final String MSGSTR_SUBTYPE = "mip.ext.msgstr.subtype";
    public static final String MSGSTR_TEXT = "mip.ext.msgstr.text";
    // RFC 3519 UDP tunnel request / reply extensions (Wireshark names)
    public static final String UTRQ_SUBTYPE = "mip.ext.utrq.subtype";
    public static final String UTRQ_RESERVED1 = "mip.ext.utrq.reserved1";
    public static final String UTRQ_FLAGS = "mip.ext.utrq.flags";
    public static final String UTRQ_F = "mip.ext.utrq.f";
    public static final String UTRQ_R = "mip.ext.utrq.r";
    public static final String UTRQ_RESERVED2 = "mip.ext.utrq.reserved2";
    public static final String UTRQ_ENCAPTYPE = "mip.ext.utrq.encaptype";
    public static final String UTRQ_RESERVED3 = "mip.ext.utrq.reserved3";
    public static final String UTRP_SUBTYPE = "mip.ext.utrp.subtype";
    public static final String UTRP_CODE = "mip.ext.utrp.code";
    public static final String UTRP_FLAGS = "mip.ext.utrp.flags";
    public static final String UTRP_F = "mip.ext.utrp.f";
    public static final String UTRP_RESERVED = "mip.ext.utrp.reserved";
    public static final String UTRP_KEEPALIVE = "mip.ext.utrp.keepalive";
    // RFC 3115 vendor extensions (Wireshark names)
    public static final String CVSE_RESERVED = "mip.ext.cvse.reserved";
    public static final String CVSE_VENDOR_ID = "mip.ext.cvse.vendor_id";
    public static final String CVSE_VENDOR_TYPE = "mip.ext.cvse.vendor_type";
    public static final String CVSE_VENDOR_VALUE = "mip.ext.cvse.vendor_value";
    // NVSE names as in tshark 4.0
    public static final String NVSE_RESERVED = "mip.ext.nvse.reserved";
    public static final String NVSE_VENDOR_ID = "mip.ext.nvse.vendor_id";
    public static final String NVSE_VENDOR_TYPE = "mip.ext.nvse.vendor_type";
    public static final String NVSE_VENDOR_VALUE = "mip.ext.nvse.vendor_value";
    // RFC 7629 Multipath extension (154/1)
    public static final String MP_IFATT = "mip.ext.mp.ifatt";
    public static final String MP_IFLABEL = "mip.ext.mp.iflabel";
    public static final String MP_BID = "mip.ext.mp.bid";
    public static final String MP_FLAGS = "mip.ext.mp.flags";
    public static final String MP_B = "mip.ext.mp.b";
    public static final String MP_O = "mip.ext.mp.o";
    public static final String MP_RESERVED = "mip.ext.mp.reserved";
    // RFC 7629 Flow Binding extension (154/2) and RFC 6088 traffic selectors
    public static final String FB_ACTION = "mip.ext.fb.action";
    public static final String FB_BIDCOUNT = "mip.ext.fb.bidcount";
    public static final String FB_BIDS = "mip.ext.fb.bids";
    public static final String FB_TSFORMAT = "mip.ext.fb.tsformat";
    public static final String TS = "mip.ext.fb.ts";
    public static final String TS_EMBEDDED = "mip.ext.fb.ts.embedded";
    public static final String TS_FORMAT = "mip.ext.fb.ts.format";
    public static final String TS_RESERVED = "mip.ext.fb.ts.reserved";
    public static final String TS_FLAGS = "mip.ext.fb.ts.flags";
    public static final String TS_SRC_START = "mip.ext.fb.ts.src_start";
    public static final String TS_SRC_END = "mip.ext.fb.ts.src_end";
    public static final String TS_DST_START = "mip.ext.fb.ts.dst_start";
    public static final String TS_DST_END = "mip.ext.fb.ts.dst_end";
    public static final String TS_SPI_START = "mip.ext.fb.ts.spi_start";
    public static final String TS_SPI_END = "mip.ext.fb.ts.spi_end";
    public static final String TS_SPORT_START = "mip.ext.fb.ts.sport_start";
    public static final String TS_SPORT_END = "mip.ext.fb.ts.sport_end";
    public static final String TS_DPORT_START = "mip.ext.fb.ts.dport_start";
    public static final String TS_DPORT_END = "mip.ext.fb.ts.dport_end";
    public static final String TS_DS_START = "mip.ext.fb.ts.ds_start";
    public static final String TS_DS_END = "mip.ext.fb.ts.ds_end";
    public static final String TS_PROTO_START = "mip.ext.fb.ts.proto_start";
    public static final String TS_PROTO_END = "mip.ext.fb.ts.proto_end";
    public static final String TS_FLOWLABEL_START = "mip.ext.fb.ts.flowlabel_start";
    public static final String TS_FLOWLABEL_END = "mip.ext.fb.ts.flowlabel_end";
    public static final String TS_TC_START = "mip.ext.fb.ts.tc_start";
    public static final String TS_TC_END = "mip.ext.fb.ts.tc_end";
    public static final String TS_NH_START = "mip.ext.fb.ts.nh_start";
    public static final String TS_NH_END = "mip.ext.fb.ts.nh_end";
    public static final String TS_DATA = "mip.ext.fb.ts.data";
    // seed 000 Multi-Interface Routing extension
    public static final String MIR_IFID = "mip.ext.mir.ifid";
    public static final String MIR_FLAGS = "mip.ext.mir.flags";
    public static final String MIR_F = "mip.ext.mir.f";
    public static final String MIR_W = "mip.ext.mir.w";
    public static final String MIR_L = "mip.ext.mir.l";
    public static final String MIR_RESERVED0 = "mip.ext.mir.reserved0";
    public static final String MIR_IFTYPE = "mip.ext.mir.iftype";
    public static final String MIR_WEIGHT = "mip.ext.mir.weight";
    public static final String MIR_RESERVED1 = "mip.ext.mir.reserved1";
    // seed 001 Multiple Tunnel Request extension
    public static final String MTR_IFTYPE = "mip.ext.mtr.iftype";
    public static final String MTR_BID = "mip.ext.mtr.bid";
    public static final String MTR_FLAGS = "mip.ext.mtr.flags";
    public static final String MTR_B = "mip.ext.mtr.b";
    public static final String MTR_O = "mip.ext.mtr.o";
    public static final String MTR_RESERVED = "mip.ext.mtr.reserved";
    public static final String MTR_BW = "mip.ext.mtr.bw";

    private static final List<String> ALL;

    static {
        List<String> names = new ArrayList<>();
        for (java.lang.reflect.Field f : MipFields.class.getDeclaredFields()) {
            if (f.getType() == String.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        ALL = Collections.unmodifiableList(names);
    }

    /** Every name above, for documentation checks. */
    public static List<String> all() {
        return ALL;
    }
}
