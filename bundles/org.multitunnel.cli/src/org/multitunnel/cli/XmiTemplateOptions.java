package org.multitunnel.cli;

import java.net.InetSocketAddress;

import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.agent.template.TemplateEncoder;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.MultipathSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplateFactory;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * {@code send --template FILE.xmi}: the composer's template file with the command line's options applied on top
 * (they edit the loaded template in memory, the file stays untouched), converted by the same encoder the GUI
 * uses. The keys the template names by SPI come from the key options ({@link KeyOptions}).
 */
final class XmiTemplateOptions {
    private XmiTemplateOptions() {
    }

    /** The target: {@code --to}, else the one the template names. */
    static InetSocketAddress target(CommandArgs a, RegistrationTemplate t) throws UsageException {
        if (a.get("to") != null) {
            return CommandArgs.hostPort(a.get("to"), "--to");
        }
        return CommandArgs.hostPort(t.getTargetHost() + ":" + t.getTargetPort(), "the template's target");
    }

    static RegistrationSpec spec(CommandArgs a, RegistrationTemplate t, InetSocketAddress to, int flags,
            KeyOptions.Keys given) throws UsageException {
        if (flags >= 0) {
            t.setFlags(flags);
        }
        if (a.get("home-agent") != null) {
            t.setHomeAgent(CommandArgs.ipv4(a.get("home-agent"), "--home-agent"));
        } else if (t.getHomeAgent() == null || t.getHomeAgent().equals("0.0.0.0")) {
            t.setHomeAgent(to.getAddress().getHostAddress());
        }
        if (a.get("home-address") != null) {
            t.setHomeAddress(CommandArgs.ipv4(a.get("home-address"), "--home-address"));
        }
        if (a.get("care-of") != null) {
            t.setCareOfAddress(CommandArgs.ipv4(a.get("care-of"), "--care-of"));
        }
        if (a.get("lifetime") != null) {
            t.setLifetime(a.intValue("lifetime", 300, 0, 0xffff));
        }
        if (a.get("bid") != null || a.get("if-att") != null || a.get("if-label") != null || a.flag("bulk")
                || a.flag("overwrite")) {
            MultipathSpec mp = multipath(t);
            mp.setBid(a.intValue("bid", mp.getBid(), 0, 255));
            mp.setIfAtt(a.intValue("if-att", mp.getIfAtt(), 0, 255));
            mp.setIfLabel(a.intValue("if-label", mp.getIfLabel(), 0, 255));
            mp.setBulkReregistration(mp.isBulkReregistration() || a.flag("bulk"));
            mp.setOverwrite(mp.isOverwrite() || a.flag("overwrite"));
        }
        MapKeyTable keys = given.table();
        SecurityAssociation sa = given.first();
        if (sa != null) {
            if (t.getExtensions().stream().noneMatch(AuthSpec.class::isInstance)) {
                AuthSpec auth = TemplateFactory.eINSTANCE.createAuthSpec();
                auth.setSpi(sa.spi());
                t.getExtensions().add(auth);
            }
        }
        try {
            return TemplateEncoder.spec(t, keys);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--template: " + e.getMessage()
                    + (e.getMessage().contains("no key for SPI") ? " (give it with --key-file, --key-env or --key)" : ""));
        }
    }

    /** The template's first Multipath Extension, or a new one placed first (RFC 7629 §4.1 puts it first). */
    private static MultipathSpec multipath(RegistrationTemplate t) {
        for (ExtensionSpec s : t.getExtensions()) {
            if (s instanceof MultipathSpec m) {
                return m;
            }
        }
        MultipathSpec m = TemplateFactory.eINSTANCE.createMultipathSpec();
        t.getExtensions().add(0, m);
        return m;
    }
}
