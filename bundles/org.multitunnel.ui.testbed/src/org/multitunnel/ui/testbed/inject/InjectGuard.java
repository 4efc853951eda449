package org.multitunnel.ui.testbed.inject;

import org.multitunnel.capture.live.LiveInterface;

/**
 * The one place that decides whether frames may go out on an interface: loopback always (nothing leaves the host),
 * anything else only after the user confirmed for that interface and that packet count — and only then is the
 * injector's loopback-only guard lifted. The confirmation is a callback so the part shows a dialog and tests
 * answer it directly.
 */
public final class InjectGuard {
    /** Asks the user; true means "send anyway". */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String interfaceName, long count);
    }

    /** Whether to inject at all, and whether the injector may open a non-loopback interface. */
    public record Decision(boolean proceed, boolean allowNonLoopback, boolean asked) {
    }

    private InjectGuard() {
    }

    public static Decision decide(LiveInterface iface, long count, Confirmation confirmation) {
        if (iface.loopback()) {
            return new Decision(true, false, false);
        }
        boolean yes = confirmation != null && confirmation.confirm(iface.name(), count);
        return new Decision(yes, yes, true);
    }

    /** The dialog text: names the interface, its addresses and the count, and says what happens. */
    public static String question(LiveInterface iface, long count) {
        return "Inject " + count + " packet" + (count == 1 ? "" : "s") + " on " + iface.name()
                + (iface.addresses().isEmpty() ? "" : " " + iface.addresses().stream()
                        .map(a -> a.getHostAddress()).toList())
                + "?\n\n" + iface.name() + " is not a loopback interface: the frames are sent on a real link and "
                + "reach real hosts on that network.";
    }
}
