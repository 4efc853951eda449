package org.multitunnel.ui.testbed;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/** (Copy of org.multitunnel.ui.tests.ProductLaunch: test fragments cannot share classes.)
 *
 * Starts the real workbench the way the launcher does: the product's application with its branding properties
 * (application model, CSS, lifecycle) and the given application arguments, e.g. a capture to open.
 */
public final class ProductLaunch implements IApplicationContext {
    private final IConfigurationElement product;
    private final String[] args;

    public ProductLaunch(String... args) {
        this.product = productDefinition();
        this.args = args;
    }

    private static IConfigurationElement productDefinition() {
        for (IConfigurationElement e : Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.core.runtime.products")) {
            if ("org.multitunnel.ui".equals(e.getNamespaceIdentifier()) && "product".equals(e.getName())) {
                return e;
            }
        }
        fail("the product extension of org.multitunnel.ui is not in the registry");
        return null;
    }

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(APPLICATION_ARGS, args);
    }

    @Override
    public void applicationRunning() {
    }

    @Override
    public String getBrandingApplication() {
        return product.getAttribute("application");
    }

    @Override
    public String getBrandingName() {
        return product.getAttribute("name");
    }

    @Override
    public String getBrandingDescription() {
        return null;
    }

    @Override
    public String getBrandingId() {
        return "org.multitunnel.ui.product";
    }

    @Override
    public String getBrandingProperty(String key) {
        for (IConfigurationElement p : product.getChildren("property")) {
            if (key.equals(p.getAttribute("name"))) {
                return p.getAttribute("value");
            }
        }
        return null;
    }

    @Override
    public Bundle getBrandingBundle() {
        return Platform.getBundle("org.multitunnel.ui");
    }

    @Override
    public void setResult(Object result, IApplication application) {
    }
}
