package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * docs/fields.md is exactly the rendering of the field registry (the one source of names, types and
 * descriptions); when it is not, the first differing line is named and releng/fields-doc.sh regenerates it.
 */
class FieldsDocTest {
    private static final Path DOC = Path.of("../../docs/fields.md");

    @Test
    void fieldsDocumentIsRenderedFromTheRegistry() throws Exception {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
        List<String> committed = Files.readString(DOC, StandardCharsets.UTF_8).lines().toList();
        List<String> rendered = FieldsDoc.render(FieldRegistry.standard()).lines().toList();
        for (int i = 0; i < Math.min(committed.size(), rendered.size()); i++) {
            assertEquals(rendered.get(i), committed.get(i),
                    "docs/fields.md line " + (i + 1) + " differs from the registry; run releng/fields-doc.sh");
        }
        assertEquals(rendered.size(), committed.size(), "docs/fields.md length; run releng/fields-doc.sh");
    }

    @Test
    void registryTypesEveryDocumentedKindOfValue() {
        FieldRegistry r = FieldRegistry.standard();
        assertEquals(FieldType.IPV4, r.find("ip.addr").type());
        assertEquals(FieldType.UNSIGNED, r.find("frame.number").type());
        assertEquals(FieldType.ABSOLUTE_TIME, r.find("frame.time").type());
        assertEquals(FieldType.RELATIVE_TIME, r.find("frame.time_delta").type());
        assertEquals(FieldType.PROTOCOL, r.find("mip").type());
        assertEquals(FieldType.BYTES, r.find("mip.auth.auth").type());
        assertEquals(FieldType.ETHER, r.find("eth.addr").type());
        assertEquals(FieldType.BOOLEAN, r.find("mip.s").type());
        assertEquals(FieldType.STRING, r.find("mip.nai").type());
        // protocol of each field: the longest registered protocol prefix (mip6.* belongs to mipv6, as in Wireshark)
        assertEquals("mip", r.find("mip.ext.mp.bid").protocol());
        assertEquals("ip", r.find("ip.addr").protocol());
        assertEquals("ipv6.hopopts", r.find("ipv6.hopopts.nxt").protocol());
        assertEquals("mipv6", r.find("mip6.bu.seqnr").protocol());
        assertEquals("frame", r.find("frame.time").protocol());
        assertEquals("", r.find("tunnel.coa").protocol());
    }

    @Test
    void closestNamesSuggestTheIntendedField() {
        FieldRegistry r = FieldRegistry.standard();
        assertEquals("ip.addr", r.closest("ip.adr", 3).get(0));
        assertEquals("udp.dstport", r.closest("udp.dstprot", 3).get(0));
        assertEquals("mip.homeaddr", r.closest("mip.homeadr", 3).get(0));
        assertEquals("mip.homeaddr", r.closest("mip.home", 3).get(0));
        assertEquals(List.of(), r.closest("zzzzzzzzzzzzzz", 3));
    }
}
