package org.multitunnel.ui.testbed.parts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Widget;

/**
 * Small things the Replay, Inject and Conformance parts share: parsing a "HOST:PORT" target typed by the user
 * (numeric IPv4 only, so no name lookup ever runs on the UI thread), posting job results back to a widget that may
 * have been disposed meanwhile, and the verdict colours (the HTML report's palette).
 */
final class RunSupport {
    static final Color PASS = new Color(0xdf, 0xf0, 0xd8);
    static final Color FAIL = new Color(0xf2, 0xde, 0xde);
    static final Color ERROR = new Color(0xf8, 0xd7, 0xa0);
    static final Color SKIP = new Color(0xee, 0xee, 0xee);

    private RunSupport() {
    }

    /** "127.0.0.1:4434" → address; a message for the user otherwise. */
    static InetSocketAddress parseTarget(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("target must be IPv4:PORT, e.g. 127.0.0.1:4434");
        }
        String host = t.substring(0, colon);
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("target address must be a numeric IPv4 address: " + host);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in target: " + t.substring(colon + 1));
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port); // numeric: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad target address: " + host);
        }
    }

    static String format(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Runs {@code r} on the UI thread later, unless {@code w} is gone by then. */
    static void ui(Widget w, Runnable r) {
        if (w.isDisposed()) {
            return;
        }
        Display d = w.getDisplay();
        d.asyncExec(() -> {
            if (!w.isDisposed()) {
                r.run();
            }
        });
    }
}
