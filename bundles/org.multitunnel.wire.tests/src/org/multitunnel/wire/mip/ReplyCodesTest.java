package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The reply-code registry names the standard and RFC 7629 codes and lets draft codes move. */
class ReplyCodesTest {
    @Test
    void namesRfc7629Codes() {
        assertEquals("MULTIPATH_NOT_ALLOWED", ReplyCodes.standard().name(152));
        assertEquals("INVALID_FB_IDENTIFIER", ReplyCodes.standard().name(153));
        assertEquals("HA_MN_FAILED_AUTHENTICATION", ReplyCodes.standard().name(131));
        assertEquals("REGISTRATION_ACCEPTED", ReplyCodes.standard().name(0));
    }

    @Test
    void draftCodesAreMovablePreferences() {
        ReplyCodes c = ReplyCodes.defaults();
        assertEquals(186, c.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"));
        c.unregister(186).register(200, "MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA", "moved", "test");
        assertEquals(200, c.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"));
        assertNull(c.name(186));
        assertEquals(186, ReplyCodes.standard().valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"));
        assertEquals(184, c.valueOf("ERROR_HA_MULTI_IF_REG_UNAVAIL"));
        assertEquals(120, c.valueOf("ERROR_FA_MULTI_IF_REG_UNAVAIL"));
    }

    @Test
    void categorisesByRange() {
        assertEquals("accepted", ReplyCodes.category(1));
        assertEquals("denied by foreign agent", ReplyCodes.category(70));
        assertEquals("denied by home agent", ReplyCodes.category(153));
    }
}
