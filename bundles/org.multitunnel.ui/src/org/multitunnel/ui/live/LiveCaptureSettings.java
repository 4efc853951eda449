package org.multitunnel.ui.live;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.multitunnel.capture.live.LiveCaptureOptions;
import org.multitunnel.capture.live.LiveInterface;

/**
 * What the Start Live Capture dialog asks for, with the defaults it is prefilled with: an interface (the first
 * up, running, addressed non-loopback one, else loopback), the Mobile IP BPF filter, the default snaplen, not
 * promiscuous, and a timestamped pcapng under the user's state directory ({@code $MULTITUNNEL_HOME}, else
 * {@code ~/.multitunnel}) in {@code captures/}. Plain values, so tests and the dialog build captures alike.
 */
public record LiveCaptureSettings(String interfaceName, String filter, int snapLength, boolean promiscuous,
        Path output) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Defaults for this machine, now. */
    public static LiveCaptureSettings defaults(List<LiveInterface> interfaces) {
        String itf = defaultInterface(interfaces);
        return new LiveCaptureSettings(itf, LiveCaptureOptions.DEFAULT_FILTER, LiveCaptureOptions.DEFAULT_SNAPLEN,
                false, defaultOutput(stateDirectory(System.getenv(), System.getProperty("user.home")), itf,
                        ZonedDateTime.now()));
    }

    /** {@code $MULTITUNNEL_HOME}, else {@code ~/.multitunnel}. */
    public static Path stateDirectory(Map<String, String> env, String userHome) {
        String home = env.get("MULTITUNNEL_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(userHome == null ? "." : userHome, ".multitunnel");
    }

    /** {@code <state>/captures/live-<interface>-<yyyyMMdd-HHmmss>.pcapng}. */
    public static Path defaultOutput(Path stateDirectory, String interfaceName, ZonedDateTime now) {
        String itf = fileSafe(interfaceName);
        return stateDirectory.resolve("captures").resolve("live-" + itf + "-" + STAMP.format(now) + ".pcapng");
    }

    /** An interface name as it appears in a file name ("capture" for none). */
    static String fileSafe(String interfaceName) {
        return interfaceName == null || interfaceName.isBlank() ? "capture"
                : interfaceName.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String defaultInterface(List<LiveInterface> interfaces) {
        for (LiveInterface i : interfaces) {
            if (!i.loopback() && i.up() && i.running() && !i.addresses().isEmpty()) {
                return i.name();
            }
        }
        for (LiveInterface i : interfaces) {
            if (i.loopback()) {
                return i.name();
            }
        }
        return interfaces.isEmpty() ? "" : interfaces.get(0).name();
    }

    /** The capture's options: these values over the capture bundle's defaults (ring, queue, timeouts). */
    public LiveCaptureOptions toOptions() {
        return LiveCaptureOptions.of(interfaceName, output).withFilter(filter).withSnapLength(snapLength)
                .withPromiscuous(promiscuous);
    }

    public LiveCaptureSettings withInterface(String name) {
        return new LiveCaptureSettings(name, filter, snapLength, promiscuous, output);
    }

    public LiveCaptureSettings withFilter(String f) {
        return new LiveCaptureSettings(interfaceName, f, snapLength, promiscuous, output);
    }

    public LiveCaptureSettings withOutput(Path p) {
        return new LiveCaptureSettings(interfaceName, filter, snapLength, promiscuous, p);
    }
}
