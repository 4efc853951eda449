package org.multitunnel.ui.testbed.send;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.multitunnel.agent.client.ExchangeLog;

/**
 * Saves history rows as one pcapng file (raw IPv4, every datagram of each exchange with a comment naming the row
 * and its verdict), which the Analysis perspective and {@code multitunnel decode} open like any capture.
 */
public final class ExchangeExport {
    private ExchangeExport() {
    }

    public static void write(List<SentExchange> exchanges, Path file) throws IOException {
        ExchangeLog log = new ExchangeLog();
        for (SentExchange x : exchanges) {
            log.addAll(x.result().packets(), "Send #" + x.number() + ": " + x.summary() + " -> "
                    + x.verdict().label() + (x.codeText().isEmpty() ? "" : " " + x.codeText()));
        }
        log.writePcapng(file, "MultiTunnel Workbench: Send history");
    }
}
