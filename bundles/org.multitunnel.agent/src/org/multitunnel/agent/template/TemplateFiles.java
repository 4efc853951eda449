package org.multitunnel.agent.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplatePackage;
import org.multitunnel.model.template.util.TemplateResourceFactoryImpl;

/**
 * Reads and writes registration templates as EMF XMI, the same files under OSGi (composer) and on a plain JVM
 * (multitunnel send --template): the resource set registers the template package and factory itself instead of
 * relying on Eclipse's plug-in registry. Also ships the sample template a fresh installation starts from.
 */
public final class TemplateFiles {
    /** Class-path resource of the sample: RFC 7629 Multipath BID 1 + MN-HA SPI 4096 to the built-in HA. */
    public static final String SAMPLE_RESOURCE = "/org/multitunnel/agent/template/rfc7629-loopback.xmi";
    public static final String SAMPLE_NAME = "rfc7629-loopback.xmi";

    private TemplateFiles() {
    }

    /** A resource set that loads and saves templates under any file name. */
    public static ResourceSet resourceSet() {
        ResourceSet rs = new ResourceSetImpl();
        rs.getPackageRegistry().put(TemplatePackage.eNS_URI, TemplatePackage.eINSTANCE);
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put(Resource.Factory.Registry.DEFAULT_EXTENSION,
                new TemplateResourceFactoryImpl());
        return rs;
    }

    public static RegistrationTemplate load(Path file) throws IOException {
        return load(resourceSet(), file);
    }

    /** Loads {@code file} into {@code rs} (replacing a resource of the same URI) and returns its template. */
    public static RegistrationTemplate load(ResourceSet rs, Path file) throws IOException {
        URI uri = URI.createFileURI(file.toAbsolutePath().toString());
        Resource old = rs.getResource(uri, false);
        if (old != null) {
            old.unload();
            rs.getResources().remove(old);
        }
        Resource r = rs.createResource(uri);
        try (InputStream in = Files.newInputStream(file)) {
            r.load(in, Map.of());
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a registration template: " + e.getMessage(), e);
        }
        return root(r, file.toString());
    }

    /** The sample template, loaded into {@code rs} under {@code uri} (unsaved: the caller picks a file). */
    public static RegistrationTemplate sample(ResourceSet rs, URI uri) {
        Resource r = rs.createResource(uri);
        try (InputStream in = TemplateFiles.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (in == null) {
                throw new IOException("sample template " + SAMPLE_RESOURCE + " is missing from the bundle");
            }
            r.load(in, Map.of());
            return root(r, SAMPLE_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RegistrationTemplate sample() {
        return sample(resourceSet(), URI.createURI("memory:/" + SAMPLE_NAME));
    }

    /** Writes the template's resource to {@code file} (the resource takes the file's URI). */
    public static void save(RegistrationTemplate t, Path file) throws IOException {
        Resource r = t.eResource();
        if (r == null) {
            r = resourceSet().createResource(URI.createFileURI(file.toAbsolutePath().toString()));
            r.getContents().add(t);
        }
        r.setURI(URI.createFileURI(file.toAbsolutePath().toString()));
        r.save(Map.of(XMLResource.OPTION_ENCODING, "UTF-8", XMLResource.OPTION_LINE_WIDTH, 100));
    }

    /** True when {@code file} looks like XML (an XMI template) rather than a properties template. */
    public static boolean isXmi(Path file) throws IOException {
        if (file.toString().endsWith(".xmi")) {
            return true;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        return new String(head, StandardCharsets.UTF_8).stripLeading().startsWith("<");
    }

    private static RegistrationTemplate root(Resource r, String where) throws IOException {
        if (r.getContents().isEmpty() || !(r.getContents().get(0) instanceof RegistrationTemplate t)) {
            throw new IOException(where + " holds no RegistrationTemplate");
        }
        return t;
    }
}
