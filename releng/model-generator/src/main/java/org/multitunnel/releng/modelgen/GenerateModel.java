package org.multitunnel.releng.modelgen;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.eclipse.emf.codegen.ecore.generator.Generator;
import org.eclipse.emf.codegen.ecore.genmodel.GenModel;
import org.eclipse.emf.codegen.ecore.genmodel.GenModelPackage;
import org.eclipse.emf.codegen.ecore.genmodel.GenPackage;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenBaseGeneratorAdapter;
import org.eclipse.emf.codegen.ecore.genmodel.generator.GenModelGeneratorAdapterFactory;
import org.eclipse.emf.common.util.BasicMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EcorePackage;
import org.eclipse.emf.ecore.plugin.EcorePlugin;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceFactoryImpl;

/**
 * Why: the model's Java code must come from EMF's own generator (the same JET templates the Eclipse IDE runs),
 * but the build has no Eclipse IDE. This main runs that generator standalone: it maps the genmodel's
 * {@code platform:/resource/<project>} paths onto plain directories and asks for the model and edit code.
 *
 * <p>Usage: {@code GenerateModel GENMODEL OUTDIR PROJECT...}. The genmodel is loaded in place (its .ecore next to
 * it); every named project is mapped to {@code OUTDIR/PROJECT/}, so the code lands in an empty scratch tree
 * and ../generate-model.sh copies the src-gen folders over. A generation into an empty tree never merges with
 * old files, which keeps the output a pure function of the .ecore and .genmodel.
 */
public final class GenerateModel {

    private GenerateModel() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: GenerateModel GENMODEL OUTDIR PROJECT...");
            System.exit(2);
        }
        File genModelFile = new File(args[0]).getAbsoluteFile();
        File outDir = new File(args[1]).getAbsoluteFile();

        ResourceSet resourceSet = new ResourceSetImpl();
        Map<String, Object> factories = resourceSet.getResourceFactoryRegistry().getExtensionToFactoryMap();
        factories.put("ecore", new EcoreResourceFactoryImpl());
        factories.put("genmodel", new XMIResourceFactoryImpl());
        resourceSet.getPackageRegistry().put(EcorePackage.eNS_URI, EcorePackage.eINSTANCE);
        resourceSet.getPackageRegistry().put(GenModelPackage.eNS_URI, GenModelPackage.eINSTANCE);
        for (int i = 2; i < args.length; i++) {
            URI target = URI.createFileURI(new File(outDir, args[i]).getPath() + File.separator);
            EcorePlugin.getPlatformResourceMap().put(args[i], target);
            resourceSet.getURIConverter().getURIMap().put(URI.createPlatformResourceURI("/" + args[i] + "/", false), target);
        }

        Resource resource = resourceSet.getResource(URI.createFileURI(genModelFile.getPath()), true);
        GenModel genModel = (GenModel) resource.getContents().get(0);
        genModel.reconcile();
        // Picks up classifiers and features added to the .ecore since the genmodel was written (the IDE's
        // "Reload"); existing settings (prefix, base package, item provider options) are kept.
        for (GenPackage genPackage : genModel.getGenPackages()) {
            genPackage.initialize(genPackage.getEcorePackage());
        }
        genModel.setCanGenerate(true);

        Diagnostic diagnostic = genModel.diagnose();
        if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
            fail("genmodel is invalid", diagnostic);
        }
        try {
            resource.save(null); // keeps the checked-in genmodel complete, as the IDE's reload would
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Generator generator = new Generator();
        generator.getAdapterFactoryDescriptorRegistry().addDescriptor(GenModelPackage.eNS_URI,
                GenModelGeneratorAdapterFactory.DESCRIPTOR);
        generator.setInput(genModel);
        // The edit (item provider) code only when its project was named: a model without an edit bundle (the
        // registration template) names just the model project.
        boolean edit = java.util.Arrays.asList(args).subList(2, args.length)
                .contains(URI.createURI(genModel.getEditDirectory()).segment(0));
        for (String projectType : edit ? new String[] { GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE,
                GenBaseGeneratorAdapter.EDIT_PROJECT_TYPE } : new String[] { GenBaseGeneratorAdapter.MODEL_PROJECT_TYPE }) {
            Diagnostic result = generator.generate(genModel, projectType, new BasicMonitor.Printing(System.out));
            if (result.getSeverity() >= Diagnostic.ERROR) {
                fail("generating " + projectType + " failed", result);
            }
        }
    }

    private static void fail(String what, Diagnostic diagnostic) {
        System.err.println(what + ": " + diagnostic.getMessage());
        for (Diagnostic child : diagnostic.getChildren()) {
            System.err.println("  " + child.getMessage());
        }
        System.exit(1);
    }
}
