package org.multitunnel.ui.testbed;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.multitunnel.agent.ha.HomeAgentConfig;

/**
 * What the Testbed perspective's parts share, one instance per workbench (injected into each part): the composer
 * publishes its current {@link MessageSource} here and Send/Inject take it from here, so the parts never reference
 * each other. Also names the built-in home agent every fresh installation can send to.
 */
@Creatable
@Singleton
public class TestbedSession {
    /** The built-in reference home agent: loopback, the agents' unprivileged default port. */
    public static final InetSocketAddress BUILT_IN_HOME_AGENT =
            new InetSocketAddress("127.0.0.1", HomeAgentConfig.DEFAULT_PORT);
    /** SPI of the MN-HA security association the built-in home agent and the sample template share. */
    public static final long BUILT_IN_SPI = 4096;

    private volatile MessageSource messageSource;
    private final List<Consumer<MessageSource>> sourceListeners = new CopyOnWriteArrayList<>();
    private volatile InetSocketAddress composedTarget;
    private final List<Consumer<InetSocketAddress>> targetListeners = new CopyOnWriteArrayList<>();

    public MessageSource messageSource() {
        return messageSource;
    }

    public void setMessageSource(MessageSource source) {
        this.messageSource = source;
        sourceListeners.forEach(l -> l.accept(source));
    }

    public void addMessageSourceListener(Consumer<MessageSource> listener) {
        sourceListeners.add(listener);
    }

    public void removeMessageSourceListener(Consumer<MessageSource> listener) {
        sourceListeners.remove(listener);
    }

    /** The target the composer's template names (unresolved host and port), or null. */
    public InetSocketAddress composedTarget() {
        return composedTarget;
    }

    /** Called by the composer when its template's target changes; Send follows it so both show one target. */
    public void setComposedTarget(InetSocketAddress target) {
        if (target == null ? composedTarget == null : target.equals(composedTarget)) {
            return;
        }
        composedTarget = target;
        targetListeners.forEach(l -> l.accept(target));
    }

    public void addComposedTargetListener(Consumer<InetSocketAddress> listener) {
        targetListeners.add(listener);
    }

    public void removeComposedTargetListener(Consumer<InetSocketAddress> listener) {
        targetListeners.remove(listener);
    }
}
