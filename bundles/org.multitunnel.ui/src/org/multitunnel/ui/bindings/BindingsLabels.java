package org.multitunnel.ui.bindings;

import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.ITableLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.FlowBinding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelQueries;
import org.multitunnel.wire.mip.ext.AccessTechnologyTypes;

/**
 * Column texts of the Bindings tree. Lifetime shows the granted lifetime and, for a binding still active, what is
 * left of it at the end of the capture (the moment the capture shows), or during a live capture what is left now.
 */
public final class BindingsLabels extends LabelProvider implements ITableLabelProvider {
    public static final String[] COLUMNS = { "Node / binding", "Care-of address", "Access technology", "Label",
        "Encapsulation", "State", "Lifetime", "Registered" };

    /** During a live capture: the clock (ns since the epoch) lifetimes count down against; else null. */
    private LongSupplier liveClock;

    /** Counts lifetimes down against {@code clock} (a live capture), or against the capture's end (null). */
    public void setLiveClock(LongSupplier clock) {
        liveClock = clock;
    }

    @Override
    public Image getColumnImage(Object element, int column) {
        return null;
    }

    @Override
    public String getColumnText(Object element, int column) {
        if (element instanceof MobileNode mn) {
            return switch (column) {
                case 0 -> mn.getHomeAddress() + (mn.getNai() != null ? "  " + mn.getNai() : "");
                case 1 -> mn.getHomeAgent() != null ? "HA " + mn.getHomeAgent() : "";
                case 5 -> ModelQueries.activeBindings(mn).size() + " active";
                default -> "";
            };
        }
        if (element instanceof Binding b) {
            return binding(b, column, liveClock);
        }
        if (element instanceof FlowBinding fb) {
            return switch (column) {
                case 0 -> "Flow binding";
                case 1 -> "→ BID " + fb.getBids().stream().map(String::valueOf).collect(Collectors.joining(", "));
                case 2 -> fb.getSelectorText() != null ? fb.getSelectorText() : "";
                case 5 -> fb.isSetAction() ? fb.getAction().getLiteral() : "action " + fb.getActionCode();
                default -> "";
            };
        }
        return "";
    }

    private static String binding(Binding b, int column, LongSupplier clock) {
        return switch (column) {
            case 0 -> b.isSetBid() ? "BID " + b.getBid() : "binding";
            case 1 -> b.getCareOfAddress();
            case 2 -> b.isSetAccessTechnology() ? accessTechnology(b.getAccessTechnology()) : "";
            case 3 -> b.isSetInterfaceLabel() ? Integer.toString(b.getInterfaceLabel()) : "";
            case 4 -> b.getEncapsulation() != null ? b.getEncapsulation().getLiteral() : "";
            case 5 -> b.getState() != null ? b.getState().getLiteral() : "";
            case 6 -> lifetime(b, clock);
            case 7 -> registered(b);
            default -> "";
        };
    }

    static String accessTechnology(int value) {
        String name = AccessTechnologyTypes.name(value);
        return name != null ? name + " (" + value + ")" : Integer.toString(value);
    }

    private static String lifetime(Binding b, LongSupplier clock) {
        if (!b.isSetLifetimeGranted()) {
            return b.getLifetimeRequested() > 0 ? "requested " + b.getLifetimeRequested() + " s" : "";
        }
        String granted = b.getLifetimeGranted() == 0xffff ? "infinite" : b.getLifetimeGranted() + " s";
        if (clock != null && b.getState() == BindingState.ACTIVE && b.getLifetimeGranted() != 0xffff
                && b.isSetRefreshedAt()) {
            long left = Math.ceilDiv(ModelQueries.leaseEnd(b) - clock.getAsLong(), 1_000_000_000L);
            return granted + ", " + Math.max(0, left) + " s left";
        }
        CaptureSession s = b.eContainer() != null && b.eContainer().eContainer() instanceof CaptureSession cs ? cs
                : null;
        if (b.getState() == BindingState.ACTIVE && s != null && s.isSetEnd() && b.getLifetimeGranted() != 0xffff
                && b.isSetRefreshedAt()) {
            long left = (ModelQueries.leaseEnd(b) - s.getEnd()) / 1_000_000_000L;
            return granted + ", " + Math.max(0, left) + " s left at end";
        }
        return granted;
    }

    private static String registered(Binding b) {
        if (!b.isSetRegisteredAt()) {
            return "";
        }
        CaptureSession s = b.eContainer() != null && b.eContainer().eContainer() instanceof CaptureSession cs ? cs
                : null;
        if (s != null && s.isSetStart()) {
            return String.format("+%.3f s", (b.getRegisteredAt() - s.getStart()) / 1e9);
        }
        return String.format("%.3f", b.getRegisteredAt() / 1e9);
    }
}
