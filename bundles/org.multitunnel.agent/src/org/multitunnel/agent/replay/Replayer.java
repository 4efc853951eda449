package org.multitunnel.agent.replay;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * Sends captured registration requests again, to another agent or the same one later: addresses rewritten by the
 * map, a fresh timestamp Identification (the captured one would be a replay, RFC 5944 §5.7), and the MN-HA
 * authenticator recomputed with the key table at the position it had (extensions before and after it keep their
 * order). Each request leaves from its (mapped) captured source when that address is local to this host, so
 * per-interface multipath registrations keep their source. Timing is the capture's or stepwise.
 */
public final class Replayer {
    private final ReplayOptions options;

    public Replayer(ReplayOptions options) {
        this.options = options;
    }

    public ReplayReport replay(List<CapturedRegistration> captured) throws IOException, InterruptedException {
        List<ReplayEntry> out = new ArrayList<>();
        long firstCapture = captured.isEmpty() ? 0 : captured.get(0).timestampNanos();
        long start = System.nanoTime();
        for (CapturedRegistration c : captured) {
            if (options.timing() == ReplayTiming.ORIGINAL) {
                long due = start + Math.max(0, c.timestampNanos() - firstCapture);
                sleepUntil(due);
            }
            List<String> notes = new ArrayList<>();
            RegistrationSpec spec = respec(c.request(), notes);
            InetAddress source = localSource(options.map().apply(c.source()));
            ClientOptions o = ClientOptions.to(options.target()).withSource(source)
                    .withTimeouts(options.replyTimeout(), options.replyTimeout().multipliedBy(4),
                            options.transmissions())
                    .withVerifyKeys(spec.key() == null ? null : options.keys()).withLog(options.log());
            ClientResult r = new RegistrationClient(o).send(spec, "replay of frame " + c.frame());
            out.add(new ReplayEntry(c, r, notes));
        }
        return new ReplayReport(out);
    }

    /** The rewritten request as a spec: the MN-HA extension becomes "authenticate here" when a key is known. */
    RegistrationSpec respec(RegistrationRequest rq, List<String> notes) {
        AddressMap m = options.map();
        RegistrationSpec.Builder b = RegistrationSpec.builder().flags(rq.flags()).lifetime(rq.lifetime())
                .homeAddress(m.apply(rq.homeAddress())).homeAgent(m.apply(rq.homeAgent()))
                .careOfAddress(m.apply(rq.careOfAddress()));
        boolean signed = false;
        for (MipExtension e : rq.extensions()) {
            if (!signed && e instanceof AuthExtension a && a.type() == ExtensionTypes.MN_HA_AUTH) {
                SecurityAssociation sa = options.keys().lookup(a.spi(), m.apply(rq.homeAgent()));
                if (sa != null) {
                    b.key(sa);
                    signed = true;
                    continue;
                }
                notes.add("no key for SPI " + a.spi() + ": MN-HA authenticator sent as captured");
            } else if (signed && (e instanceof AuthExtension)) {
                notes.add("extension type " + e.type() + " after the MN-HA authenticator sent as captured");
            }
            if (signed) {
                b.extensionAfterAuth(e);
            } else {
                b.extension(e);
            }
        }
        return b.build();
    }

    /** {@code address} when this host owns it (loopback or an interface address), else null (default route). */
    static InetAddress localSource(String address) {
        if (address == null) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(address);
            if (a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null) {
                return a;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static void sleepUntil(long due) throws InterruptedException {
        long limit = System.nanoTime() + 3_600_000_000_000L; // never wait more than an hour for one request
        long end = Math.min(due, limit);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000L)));
        }
    }
}
