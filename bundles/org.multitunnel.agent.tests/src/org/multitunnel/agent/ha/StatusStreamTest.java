package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/** The status JSON is written chunk by chunk; the result is one object, every binding once, in address order. */
class StatusStreamTest extends HaFixture {
    @Test
    @SuppressWarnings("unchecked")
    void aStatusLongerThanOneChunkListsEveryBindingInAddressOrder() throws Exception {
        start(config());
        int nodes = StatusJson.CHUNK + 44; // two chunks
        for (int n = nodes; n >= 1; n--) { // registered in reverse: the output is sorted, not in arrival order
            String hoa = hoa(n);
            RegistrationRequest rq = RegistrationRequest.builder().lifetime(300).homeAddress(hoa).homeAgent(HA_ADDR)
                    .careOfAddress("198.51.100.1").identification(freshId()).extension(mp(1).build())
                    .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
            assertEquals(0, send(rq).code(), hoa);
        }
        StringBuilder out = new StringBuilder();
        ha.writeStatus(out);
        assertEquals(ha.statusJson(), out.toString());
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(out.toString());
        List<Object> bindings = (List<Object>) root.get("bindings");
        assertEquals(nodes, bindings.size());
        assertEquals(new BigDecimal(nodes), root.get("accepted"));
        List<String> homes = new ArrayList<>();
        for (Object o : bindings) {
            homes.add((String) ((Map<String, Object>) o).get("homeAddress"));
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) {
            expected.add(hoa(n)); // numeric order: 10.2.0.2 … 10.2.0.9, 10.2.0.10 …, never "10.2.0.10" < "10.2.0.2"
        }
        assertEquals(expected, homes);
    }

    private static String hoa(int n) {
        return "10.2." + (n / 200) + "." + (n % 200 + 1);
    }
}
