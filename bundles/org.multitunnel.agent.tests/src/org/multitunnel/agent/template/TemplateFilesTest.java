package org.multitunnel.agent.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplateFactory;

/** Templates as XMI files: save and reload equal, XMI told from properties, clear errors for other files. */
class TemplateFilesTest {
    @TempDir
    Path dir;

    @Test
    void savedTemplateReloadsEqual() throws IOException {
        RegistrationTemplate t = TemplateFiles.sample();
        FlowBindingSpec fb = TemplateFactory.eINSTANCE.createFlowBindingSpec();
        fb.getBids().add(1);
        fb.getSelectorFields().add(TemplateEncoderTest.field("proto_start", "17"));
        t.getExtensions().add(1, fb);
        t.setFixedIdentification(0x8000000000000001L);
        Path f = dir.resolve("t.xmi");
        TemplateFiles.save(t, f);
        RegistrationTemplate back = TemplateFiles.load(f);
        assertTrue(EcoreUtil.equals(t, back), "reloaded template equals the saved one");
        String xml = Files.readString(f);
        assertTrue(xml.contains("proto_start"), xml);
        assertFalse(xml.toLowerCase().contains("key="), "a template holds no key material");
    }

    @Test
    void recognisesXmiAndPropertiesTemplates() throws IOException {
        Path x = dir.resolve("a.template");
        Files.writeString(x, "\n  <?xml version=\"1.0\"?><x/>");
        Path p = dir.resolve("b.properties");
        Files.writeString(p, "home-address = 10.1.0.5\n");
        assertTrue(TemplateFiles.isXmi(x));
        assertFalse(TemplateFiles.isXmi(p));
    }

    @Test
    void aFileThatIsNoTemplateIsAnIoError() throws IOException {
        Path x = dir.resolve("bad.xmi");
        Files.writeString(x, "<?xml version=\"1.0\"?><nothing/>");
        IOException e = assertThrows(IOException.class, () -> TemplateFiles.load(x));
        assertTrue(e.getMessage().contains("bad.xmi"), e.getMessage());
        assertEquals(2, TemplateFiles.sample().getExtensions().size());
    }
}
