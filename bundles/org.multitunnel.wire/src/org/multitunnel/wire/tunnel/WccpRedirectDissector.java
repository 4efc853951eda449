package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * The 4-byte WCCPv2 redirect header that follows GRE protocol type 0x883e (draft-wilson-wrec-wccp-v2 §4.12):
 * flags, service id, alternative and primary bucket, then the redirected IPv4 packet. Registered in the gre.proto
 * table so GRE captures of web-cache redirection dissect to the inner packet, as tshark does.
 */
public final class WccpRedirectDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, 4, "WCCP redirect header");
        l.flag("gre.wccp.dynamic_service", "Dynamic Service", offset, 1, 0x80);
        l.flag("gre.wccp.alternative_bucket_used", "Alternative bucket used", offset, 1, 0x40);
        l.flag("gre.wccp.redirect_header_valid", "WCCP Redirect header is valid", offset, 1, 0x20);
        l.uint("gre.wccp.service_id", "Service ID", offset + 1, 1);
        l.uint("gre.wccp.alternative_bucket", "Alternative Bucket", offset + 2, 1);
        l.uint("gre.wccp.primary_bucket", "Primary Bucket", offset + 3, 1);
        ctx.next(DissectorRegistry.ETHERTYPE, 0x0800, buf, offset + 4, l.end() - offset - 4);
        return l.build("gre.wccp", "WCCP Redirect Header", 4);
    }
}
